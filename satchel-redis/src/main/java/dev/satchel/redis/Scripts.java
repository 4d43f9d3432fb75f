package dev.satchel.redis;

/**
 * The Lua scripts of the Redis store. Each touches only the keys it declares, and all keys of one script share a hash
 * slot, so every script runs unchanged on Redis Cluster.
 *
 * <p>Instants in session hashes are fixed-width text compared as strings (exact to the nanosecond); index scores are
 * epoch microseconds. A session is live when its {@code @e} is later than the caller's {@code now}.
 */
final class Scripts {

  private Scripts() {}

  private static final String LIVE = """
      local function live(e, now)
        return e ~= nil and e ~= false and #e == 22 and string.match(e, '^%d+%.%d+$') ~= nil and e > now
      end
      """;

  /** Writes the metadata fields (ARGV 3..9) and applies the relative TTL (ARGV 2) of a session hash. */
  private static final String WRITE_METADATA = """
      local function write_metadata(k)
        local f = {'@c', ARGV[3], '@a', ARGV[4], '@e', ARGV[5]}
        if ARGV[6] == '1' then f[#f + 1] = '@p'; f[#f + 1] = ARGV[7] else redis.call('HDEL', k, '@p') end
        if ARGV[8] == '1' then f[#f + 1] = '@d'; f[#f + 1] = ARGV[9] else redis.call('HDEL', k, '@d') end
        redis.call('HSET', k, unpack(f))
      end
      local function apply_ttl(k)
        local ttl = tonumber(ARGV[2])
        if ttl > 0 then redis.call('PEXPIRE', k, ttl) else redis.call('DEL', k) end
      end
      """;

  /**
   * Saves one request's delta. KEYS: session hash. ARGV: now, ttlMillis, created, accessed, expires, hasPrincipal,
   * principal, hasDevice, device, kind (C/U), replaceAll (1/0), upsert count, upsert field/value pairs, removed fields.
   * Returns {1, previous principal} when written, {0} when an UPDATE found no live session (no resurrection).
   */
  static final LuaScript SAVE = LuaScript.of("save", LIVE + WRITE_METADATA + """
      local k = KEYS[1]
      local old = false
      if ARGV[10] == 'U' then
        if redis.call('TYPE', k)['ok'] ~= 'hash' then return {0} end
        local m = redis.call('HMGET', k, '@e', '@p')
        if not live(m[1], ARGV[1]) then return {0} end
        old = m[2]
      else
        redis.call('DEL', k)
      end
      if ARGV[11] == '1' then
        local names = redis.call('HKEYS', k)
        for i = 1, #names do
          if string.sub(names[i], 1, 2) == 'a:' then redis.call('HDEL', k, names[i]) end
        end
      end
      write_metadata(k)
      local n = tonumber(ARGV[12])
      local i = 13
      while n > 0 do
        local batch = {}
        local c = 0
        while n > 0 and c < 1000 do
          batch[#batch + 1] = ARGV[i]
          batch[#batch + 1] = ARGV[i + 1]
          i = i + 2
          n = n - 1
          c = c + 1
        end
        redis.call('HSET', k, unpack(batch))
      end
      for j = i, #ARGV do redis.call('HDEL', k, ARGV[j]) end
      apply_ttl(k)
      return {1, old}
      """);

  /**
   * Compare-and-set of one attribute plus the metadata refresh. KEYS: session hash. ARGV 1..9 as {@link #SAVE}, then
   * field, hasExpected, expected JSON, hasNew, new JSON. Returns {0} no live session, {1} conflict, {2, previous
   * principal} updated.
   */
  static final LuaScript COMPARE_AND_SET = LuaScript.of("compareAndSet", LIVE + WRITE_METADATA + """
      local k = KEYS[1]
      if redis.call('TYPE', k)['ok'] ~= 'hash' then return {0} end
      local m = redis.call('HMGET', k, '@e', '@p', ARGV[10])
      if not live(m[1], ARGV[1]) then return {0} end
      if ARGV[11] == '1' then
        if m[3] ~= ARGV[12] then return {1} end
      elseif m[3] then
        return {1}
      end
      if ARGV[13] == '1' then redis.call('HSET', k, ARGV[10], ARGV[14]) else redis.call('HDEL', k, ARGV[10]) end
      write_metadata(k)
      apply_ttl(k)
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
   * Updates the global indexes after a save. KEYS: expiry index, key index, owner index. ARGV: mode (C create / U
   * update), now (micros), storage key, expires (micros), hasPrincipal, principal. An update only moves an entry that
   * is still live in the index, so a save that raced a delete or an expiry never re-adds what was removed.
   */
  static final LuaScript INDEX = LuaScript.of("index", """
      if ARGV[1] == 'U' then
        local s = redis.call('ZSCORE', KEYS[1], ARGV[3])
        if not s or tonumber(s) <= tonumber(ARGV[2]) then return 0 end
      end
      redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
      if ARGV[1] == 'C' then redis.call('ZADD', KEYS[2], 0, ARGV[3]) end
      if ARGV[5] == '1' then redis.call('HSET', KEYS[3], ARGV[3], ARGV[6]) else redis.call('HDEL', KEYS[3], ARGV[3]) end
      return 1
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
   * Updates one principal's index. KEYS: principal index. ARGV: mode (C add / U move only a live entry), now (micros),
   * storage key, expires (micros). Also drops expired entries and lets the index itself expire with its last session.
   */
  static final LuaScript PRINCIPAL = LuaScript.of("principal", """
      local now = tonumber(ARGV[2])
      if ARGV[1] == 'U' then
        local s = redis.call('ZSCORE', KEYS[1], ARGV[3])
        if not s or tonumber(s) <= now then return 0 end
      end
      redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
      local top = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
      if top[2] then
        local ttl = math.ceil((tonumber(top[2]) - now) / 1000)
        if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
      end
      return 1
      """);

  /** Reads one principal's index after dropping its expired entries. KEYS: principal index. ARGV: now (micros). */
  static final LuaScript PRINCIPAL_MEMBERS = LuaScript.of("principalMembers", """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
      return redis.call('ZRANGE', KEYS[1], 0, -1)
      """);

  /**
   * One bounded step of paging through live sessions in storage-key order. KEYS: expiry index, key index. ARGV:
   * after ('' from the start), limit, now (micros), scan budget. Returns {cursor, live keys...}: cursor '' when the
   * end was reached, otherwise the key to continue after.
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
