package dev.satchel.session;

/** When the session cookie carries the {@code Secure} attribute. */
public enum SecureMode {
  /** On HTTPS requests, including HTTPS that a trusted proxy terminated ({@code X-Forwarded-Proto: https}). */
  AUTO,
  /** Always: the cookie is never sent over plain HTTP (production behind HTTPS). */
  ALWAYS,
  /** Never: only for local development over plain HTTP. */
  NEVER
}
