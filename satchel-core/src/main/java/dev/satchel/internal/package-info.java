/** Satchel's shared internals (encoding helpers, object pools). Not API: may change in any release. */
package dev.satchel.internal;
