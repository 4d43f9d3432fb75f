/** Secret keys: loading, strength rules, rotation rings and per-purpose derivation ({@link dev.satchel.keys.KeyRing}). */
package dev.satchel.keys;
