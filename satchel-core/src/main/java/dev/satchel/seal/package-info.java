/** Authenticated encryption with key rotation: {@link dev.satchel.seal.Sealer} (AES-256-GCM). */
package dev.satchel.seal;
