package dev.satchel.redis;

/**
 * The Lua scripts of the Redis store. Each touches only the keys it declares, and all keys of one script share a hash
 * slot whenever the store runs on Redis Cluster, so every script runs unchanged there.
 *
 * <p>Instants in session hashes are fixed-width text compared as strings (exact to the nanosecond); index scores are
 * epoch microseconds. A session is live when its {@code @e} is later than the caller's {@code now}.
 *
 * <p>Index scores are an upper bound of the session's expiry, never below it and at most {@link #INDEX_LEAD_MICROS}
 * above it: a save whose new expiry still lies in that band leaves the indexes alone, so an active session's index
 * entries move about once a minute instead of on every request. See {@code docs/stores.md}, "TTL and index
 * consistency".
 */
final class Scripts {

  private Scripts() {}

  /**
   * How far above a session's expiry its index scores may lie (60 s, in microseconds). An UPDATE that moves an entry
   * writes {@code expiry + lead}; later saves skip the indexes while their expiry stays at or below that score. Index
   * readers treat a score as "expires at the latest then": {@code count} checks the hashes of the entries within this
   * lead of {@code now}, the other readers read the hashes anyway.
   */
  static final long INDEX_LEAD_MICROS = 60_000_000L;

  private static final String LIVE = """
      local function live(e, now)
        return e ~= nil and e ~= false and #e == 22 and string.match(e, '^%d+%.%d+$') ~= nil and e > now
      end
      """;

  /**
   * The hash writes of the session scripts: metadata fields (ARGV 3..9) as HSET pairs, HSET and HDEL in batches, and
   * the relative TTL (ARGV 2). A script collects what it writes and what it deletes, then runs one HDEL (only when
   * there is a field to delete) and one HSET (metadata and attributes together); a batch holds at most 2,000 values,
   * within what Lua's {@code unpack} can pass to one command.
   */
  private static final String WRITE_HASH = """
      local function metadata(f, gone, old_p, old_d)
        f[#f + 1] = '@c'; f[#f + 1] = ARGV[3]
        f[#f + 1] = '@a'; f[#f + 1] = ARGV[4]
        f[#f + 1] = '@e'; f[#f + 1] = ARGV[5]
        if ARGV[6] == '1' then f[#f + 1] = '@p'; f[#f + 1] = ARGV[7] elseif old_p then gone[#gone + 1] = '@p' end
        if ARGV[8] == '1' then f[#f + 1] = '@d'; f[#f + 1] = ARGV[9] elseif old_d then gone[#gone + 1] = '@d' end
      end
      local function batched(command, k, values)
        for s = 1, #values, 2000 do
          redis.call(command, k, unpack(values, s, math.min(s + 1999, #values)))
        end
      end
      local function apply_ttl(k)
        local ttl = tonumber(ARGV[2])
        if ttl > 0 then redis.call('PEXPIRE', k, ttl) else redis.call('DEL', k) end
      end
      """;

  /**
   * The index updates of one write, shared by the index scripts and the session scripts that run them inline.
   *
   * <p>Modes: {@code C} (create: the score is the exact expiry; the entry is added), {@code U} (update sent beside the
   * session script, which it cannot see: moves only an entry that is still live in the index, so a save racing a
   * delete never re-adds what was removed; returns 0 when there was none), {@code S} (update inside the session
   * script after it found the session live and wrote it, atomically: adds a missing entry). An update leaves an entry
   * alone when its score already lies in [expires, target] (and, for the global index, the owner is unchanged);
   * otherwise it writes {@code target} = expires plus the lead. Numbers are compared as Lua numbers (exact: epoch
   * microseconds stay below 2^53) and written as the caller's decimal text, never formatted by Lua.
   */
  private static final String INDEX_FUNCTIONS = """
      local function in_band(s, e, target)
        if not s then return false end
        local n = tonumber(s)
        return n >= tonumber(e) and n <= tonumber(target)
      end
      local function index_global(exp, keys, owners, mode, now, sk, e, target, has_p, p)
        local s = redis.call('ZSCORE', exp, sk)
        if mode ~= 'C' then
          if in_band(s, e, target) then
            local o = redis.call('HGET', owners, sk)
            if (has_p == '1' and o == p) or (has_p ~= '1' and not o) then return 1 end
          end
          if mode == 'U' and (not s or tonumber(s) <= tonumber(now)) then return 0 end
        end
        redis.call('ZADD', exp, mode == 'C' and e or target, sk)
        if mode == 'C' or not s or tonumber(s) <= tonumber(now) then redis.call('ZADD', keys, 0, sk) end
        if has_p == '1' then redis.call('HSET', owners, sk, p) else redis.call('HDEL', owners, sk) end
        return 1
      end
      local function index_principal(pk, mode, now, sk, e, target)
        local s = redis.call('ZSCORE', pk, sk)
        if mode ~= 'C' then
          if in_band(s, e, target) then return 1 end
          if mode == 'U' and (not s or tonumber(s) <= tonumber(now)) then return 0 end
        end
        redis.call('ZADD', pk, mode == 'C' and e or target, sk)
        redis.call('ZREMRANGEBYSCORE', pk, '-inf', now)
        local top = redis.call('ZRANGE', pk, -1, -1, 'WITHSCORES')
        if top[2] then
          local ttl = math.ceil((tonumber(top[2]) - tonumber(now)) / 1000)
          if ttl > 0 then redis.call('PEXPIRE', pk, ttl) end
        end
        return 1
      end
      """;

  /**
   * Runs the index updates of a session script when the caller declared the index keys (KEYS 2..4: expiry, key and
   * owner index; KEYS 5: the principal's index), i.e. everywhere but on Cluster. ARGV 10..13: now, expires, target
   * (micros), storage key; the principal comes from ARGV 6..7.
   */
  private static final String INDEX_INLINE = INDEX_FUNCTIONS + """
      local function index_inline(mode)
        if #KEYS < 4 then return end
        index_global(KEYS[2], KEYS[3], KEYS[4], mode, ARGV[10], ARGV[13], ARGV[11], ARGV[12], ARGV[6], ARGV[7])
        if KEYS[5] then index_principal(KEYS[5], mode, ARGV[10], ARGV[13], ARGV[11], ARGV[12]) end
      end
      """;

  /**
   * Saves one request's delta. KEYS: session hash [, expiry index, key index, owner index [, principal index]].
   * ARGV: now, ttlMillis, created, accessed, expires, hasPrincipal, principal, hasDevice, device, now (micros),
   * expires (micros), index target (micros), storage key, kind (C/U), replaceAll (1/0), upsert count, upsert
   * field/value pairs, removed fields. Returns {1, previous principal} when written (and the indexes updated when
   * their keys were given), {0} when an UPDATE found no live session (no resurrection).
   *
   * <p>A CREATE starts from an empty hash. An UPDATE deletes, in one HDEL before the HSET, the attributes a
   * replaceAll drops, the removed fields, and {@code @p}/{@code @d} when the session has them and this write has
   * none: usually nothing, then no HDEL runs. Upserted and removed fields never overlap ({@code SessionChanges}
   * refuses that), so deleting before writing leaves the same hash as deleting after.
   */
  static final LuaScript SAVE = LuaScript.of("save", LIVE + WRITE_HASH + INDEX_INLINE + """
      local k = KEYS[1]
      local update = ARGV[14] == 'U'
      local old, old_d = false, false
      local gone = {}
      if update then
        if redis.call('TYPE', k)['ok'] ~= 'hash' then return {0} end
        local m = redis.call('HMGET', k, '@e', '@p', '@d')
        if not live(m[1], ARGV[1]) then return {0} end
        old, old_d = m[2], m[3]
        if ARGV[15] == '1' then
          local names = redis.call('HKEYS', k)
          for j = 1, #names do
            if string.sub(names[j], 1, 2) == 'a:' then gone[#gone + 1] = names[j] end
          end
        end
      else
        redis.call('DEL', k)
      end
      local f = {}
      metadata(f, gone, old, old_d)
      local i = 17
      for _ = 1, tonumber(ARGV[16]) do
        f[#f + 1] = ARGV[i]
        f[#f + 1] = ARGV[i + 1]
        i = i + 2
      end
      if update then
        for j = i, #ARGV do gone[#gone + 1] = ARGV[j] end
      end
      batched('HDEL', k, gone)
      batched('HSET', k, f)
      apply_ttl(k)
      index_inline(update and 'S' or 'C')
      return {1, old}
      """);

  /**
   * Compare-and-set of one attribute plus the metadata refresh. KEYS and ARGV 1..13 as {@link #SAVE}, then field,
   * hasExpected, expected JSON, hasNew, new JSON. Returns {0} no live session, {1} conflict (nothing written, indexes
   * untouched), {2, previous principal} updated.
   */
  static final LuaScript COMPARE_AND_SET = LuaScript.of("compareAndSet", LIVE + WRITE_HASH + INDEX_INLINE + """
      local k = KEYS[1]
      if redis.call('TYPE', k)['ok'] ~= 'hash' then return {0} end
      local m = redis.call('HMGET', k, '@e', '@p', ARGV[14], '@d')
      if not live(m[1], ARGV[1]) then return {0} end
      if ARGV[15] == '1' then
        if m[3] ~= ARGV[16] then return {1} end
      elseif m[3] then
        return {1}
      end
      local f, gone = {}, {}
      metadata(f, gone, m[2], m[4])
      if ARGV[17] == '1' then
        f[#f + 1] = ARGV[14]
        f[#f + 1] = ARGV[18]
      elseif m[3] then
        gone[#gone + 1] = ARGV[14]
      end
      batched('HDEL', k, gone)
      batched('HSET', k, f)
      apply_ttl(k)
      index_inline('S')
      return {2, m[2]}
      """);

  /**
   * Deletes a session hash. KEYS: session hash. ARGV: mode (any | owner | expired), principal (owner mode), now.
   * Returns {deleted 0/1, live 0/1, principal, expires}: in owner mode only a session of that principal goes; in
   * expired mode only one that is no longer live (a live one is reported so the caller can repair its index score).
   */
  static final LuaScript DELETE = LuaScript.of("delete", LIVE + """
      local k = KEYS[1]
      local t = redis.call('TYPE', k)['ok']
      if t == 'none' then return {0, 0, false, false} end
      if t ~= 'hash' then
        if ARGV[1] == 'owner' then return {0, 0, false, false} end
        redis.call('DEL', k)
        return {1, 0, false, false}
      end
      local m = redis.call('HMGET', k, '@e', '@p')
      local alive = live(m[1], ARGV[3])
      if ARGV[1] == 'owner' and m[2] ~= ARGV[2] then return {0, alive and 1 or 0, m[2], m[1]} end
      if ARGV[1] == 'expired' and alive then return {0, 1, m[2], m[1]} end
      redis.call('DEL', k)
      return {1, alive and 1 or 0, m[2], m[1]}
      """);

  /**
   * Updates the global indexes after a write, on Cluster where the session script cannot reach them. KEYS: expiry
   * index, key index, owner index. ARGV: mode (C / U, see {@link #INDEX_FUNCTIONS}), now (micros), storage key,
   * expires (micros), target (micros), hasPrincipal, principal. Returns 1 when the entry is in place, 0 when an
   * update found no live entry to move.
   */
  static final LuaScript INDEX = LuaScript.of("index", INDEX_FUNCTIONS + """
      return index_global(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
      """);

  /**
   * Removes storage keys from the global indexes. KEYS: expiry index, key index, owner index. ARGV: storage keys.
   * Returns the principal each one had (nil for none), in order.
   */
  static final LuaScript UNINDEX = LuaScript.of("unindex", """
      local out = {}
      for i = 1, #ARGV do
        local p = redis.call('HGET', KEYS[3], ARGV[i])
        redis.call('ZREM', KEYS[1], ARGV[i])
        redis.call('ZREM', KEYS[2], ARGV[i])
        if p then redis.call('HDEL', KEYS[3], ARGV[i]) end
        out[i] = p
      end
      return out
      """);

  /**
   * Updates one principal's index, on Cluster. KEYS: principal index. ARGV: mode (C / U), now (micros), storage key,
   * expires (micros), target (micros). Also drops expired entries and lets the index itself expire with its last
   * session.
   */
  static final LuaScript PRINCIPAL = LuaScript.of("principal", INDEX_FUNCTIONS + """
      return index_principal(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5])
      """);

  /** Reads one principal's index after dropping its expired entries. KEYS: principal index. ARGV: now (micros). */
  static final LuaScript PRINCIPAL_MEMBERS = LuaScript.of("principalMembers", """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
      return redis.call('ZRANGE', KEYS[1], 0, -1)
      """);

  /**
   * One bounded step of paging through live sessions in storage-key order. KEYS: expiry index, key index. ARGV:
   * after ('' from the start), limit, now (micros), scan budget. Returns {cursor, candidate keys...}: cursor '' when
   * the end was reached, otherwise the key to continue after. A candidate's index score is later than now; the caller
   * reads its hash to drop one that expired within the index lead.
   */
  static final LuaScript LIST = LuaScript.of("list", """
      local start = '-'
      if ARGV[1] ~= '' then start = '(' .. ARGV[1] end
      local limit = tonumber(ARGV[2])
      local now = tonumber(ARGV[3])
      local budget = tonumber(ARGV[4])
      local out = {''}
      local found = 0
      local cursor = ''
      while found < limit and budget > 0 do
        local batch = redis.call('ZRANGEBYLEX', KEYS[2], start, '+', 'LIMIT', 0, 128)
        if #batch == 0 then return out end
        for i = 1, #batch do
          local m = batch[i]
          cursor = m
          budget = budget - 1
          local s = redis.call('ZSCORE', KEYS[1], m)
          if s and tonumber(s) > now then
            found = found + 1
            out[found + 1] = m
          end
          if found >= limit or budget <= 0 then break end
        end
        start = '(' .. cursor
        if #batch < 128 and cursor == batch[#batch] and found < limit and budget > 0 then
          return out
        end
      end
      out[1] = cursor
      return out
      """);

  /** Every script, for warming Redis' script cache on connect. */
  static final java.util.List<LuaScript> ALL =
      java.util.List.of(SAVE, COMPARE_AND_SET, DELETE, INDEX, UNINDEX, PRINCIPAL, PRINCIPAL_MEMBERS, LIST);
}
