// hubot-youops: ChatOps commands over HTTP for a team's existing Hubot, whatever its adapter.
//
// POST <HUBOT_YOUOPS_PATH, default /youops/chatops> with JSON { text, user?, room? } hands
// `text` to the robot as if `user` had addressed it in `room`, runs the robot's listeners,
// and answers with everything the robot said about that message:
//   { "replies": [{ "text": "...", "author": "<robot name>" }], "complete": true }
//
// Configuration (environment):
//   HUBOT_YOUOPS_TOKEN       shared secret; when set, requests need `Authorization: Bearer <token>`.
//                            Without it only clients on this machine (loopback) are accepted.
//   HUBOT_YOUOPS_PATH        the route (default /youops/chatops)
//   HUBOT_YOUOPS_ECHO        "true": also post the replies to the room through the adapter
//   HUBOT_YOUOPS_TIMEOUT_MS  how long to wait for the listeners (default 25000)
import { randomUUID, timingSafeEqual } from 'node:crypto'
import { TextMessage, User } from 'hubot'

const MAX_TEXT = 4000

export default function youops (robot) {
  const route = process.env.HUBOT_YOUOPS_PATH || '/youops/chatops'
  const token = process.env.HUBOT_YOUOPS_TOKEN || ''
  const echo = process.env.HUBOT_YOUOPS_ECHO === 'true'
  const timeoutMs = Number(process.env.HUBOT_YOUOPS_TIMEOUT_MS) || 25000
  /** Replies per message id of the requests in flight; concurrent commands never mix. */
  const pending = new Map()

  robot.responseMiddleware(async (context) => {
    const message = context.response?.message
    const replies = pending.get(message?.id ?? message?.message?.id)
    if (!replies) return true
    const user = context.response.envelope?.user?.name
    for (const text of context.strings) {
      replies.push(context.method === 'reply' && user ? `${user}: ${text}` : context.method === 'emote' ? `* ${text}` : String(text))
    }
    return echo
  })

  robot.router.post(route, async (req, res) => {
    const refusal = authorize(req, token)
    if (refusal) return res.status(refusal.status).json({ error: refusal.error })
    const text = typeof req.body?.text === 'string' ? req.body.text.trim() : ''
    if (!text) return res.status(400).json({ error: 'text is required' })
    if (text.length > MAX_TEXT) return res.status(413).json({ error: `text is longer than ${MAX_TEXT} characters` })
    const name = typeof req.body.user === 'string' && req.body.user.trim() ? req.body.user.trim() : 'someone'
    const room = typeof req.body.room === 'string' && req.body.room.trim() ? req.body.room.trim() : 'youops'
    // A user of its own id space: a caller cannot borrow the roles of a chat user with the same name.
    const user = new User(`youops:${name}`, { name, room })
    const id = `youops-${randomUUID()}`
    const replies = []
    pending.set(id, replies)
    // Like a direct message: the robot's name is implied, so `respond` listeners match.
    const addressed = new RegExp(`^@?(${escape(robot.name)}${robot.alias ? `|${escape(robot.alias)}` : ''})\\b`, 'i').test(text)
    let timer
    try {
      const done = await Promise.race([
        robot.receive(new TextMessage(user, addressed ? text : `${robot.name} ${text}`, id)).then(() => true),
        new Promise((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs) })
      ])
      res.json({ replies: replies.map((t) => ({ text: t, author: robot.name })), complete: done })
    } catch (err) {
      robot.logger.error(`youops: ${err?.stack ?? err}`)
      res.status(500).json({ error: 'the robot failed on this command', replies: replies.map((t) => ({ text: t, author: robot.name })) })
    } finally {
      clearTimeout(timer)
      pending.delete(id)
    }
  })

  const address = robot.server?.address?.()
  const where = address && typeof address === 'object' ? `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}${route}` : route
  robot.logger.info(`youops: accepting commands on POST ${where}${token ? ' (token required)' : ' (this machine only: set HUBOT_YOUOPS_TOKEN for others)'}`)
}

function authorize (req, token) {
  if (token) {
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? ''
    const a = Buffer.from(given)
    const b = Buffer.from(token)
    return a.length === b.length && timingSafeEqual(a, b) ? undefined : { status: 401, error: 'missing or wrong Authorization: Bearer token' }
  }
  const from = req.socket?.remoteAddress ?? ''
  return ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(from) ? undefined : { status: 403, error: 'this Hubot accepts commands only from its own machine: set HUBOT_YOUOPS_TOKEN to accept them from others' }
}

function escape (s) {
  return String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
