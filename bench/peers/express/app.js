// The Express peer for Satchel's bench/run-all: the benchmark's routes on express-session with connect-redis,
// set up as the connect-redis README shows (resave: false, saveUninitialized: false).
// BENCH_MODE=redis (default) or none (Express alone, no session middleware); PORT; BENCH_REDIS_PORT.
import express from "express"
import session from "express-session"
import {RedisStore} from "connect-redis"
import {createClient} from "redis"

const app = express()
const mode = process.env.BENCH_MODE || "redis"

if (mode === "redis") {
  const redisClient = createClient({url: `redis://127.0.0.1:${process.env.BENCH_REDIS_PORT || 6379}`})
  await redisClient.connect()
  app.use(
    session({
      store: new RedisStore({client: redisClient, prefix: "bench:express:"}),
      resave: false,
      saveUninitialized: false,
      secret: process.env.BENCH_SECRET_KEY || "bench-secret-key-0123456789abcdef0123456789",
    }),
  )
}

app.get("/none", (req, res) => res.send("none"))

app.get("/login", (req, res) => {
  if (req.session) {
    req.session.user = "alice"
    req.session.counter = 0
  }
  res.send("logged in")
})

app.get("/read", (req, res) => res.send("hello " + (req.session ? req.session.user : "alice")))

app.get("/write", (req, res) => {
  let counter = 1
  if (req.session) {
    counter = (req.session.counter || 0) + 1
    req.session.counter = counter
  }
  res.send("counter " + counter)
})

const port = Number(process.env.PORT || 8094)
app.listen(port, "127.0.0.1", () => console.log(`express peer ready: mode=${mode} port=${port}`))
