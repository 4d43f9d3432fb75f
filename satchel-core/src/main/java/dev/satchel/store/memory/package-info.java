/** The in-process session store: bounded, on Caffeine, for one-process applications and tests. */
package dev.satchel.store.memory;
