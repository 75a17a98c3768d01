// A Hubot adapter whose "chat" is one HTTP route: POST /youops/chatops { text, user, room }
// hands the text to the robot as if the user had addressed it, and answers with everything
// the robot said in that exchange: { replies: [{ text, author }] }. Like a DM, the robot's
// name is implied, so `respond` listeners match "deploy v1.4 to prod".
import { randomUUID } from 'node:crypto'
import { Adapter, TextMessage } from 'hubot'

class YouOpsHttp extends Adapter {
  #pending = new Map()

  constructor (robot) {
    super(robot)
    this.name = 'YouOpsHttp'
  }

  async send (envelope, ...strings) {
    this.#pending.get(envelope.room)?.push(...strings)
  }

  async reply (envelope, ...strings) {
    this.#pending.get(envelope.room)?.push(...strings.map((s) => `${envelope.user.name}: ${s}`))
  }

  async run () {
    this.robot.router.post('/youops/chatops', async (req, res) => {
      const text = typeof req.body?.text === 'string' ? req.body.text.trim() : ''
      if (!text) return res.status(400).json({ error: 'text is required' })
      // One room per request, so concurrent commands never mix their answers.
      const room = `youops-${randomUUID()}`
      const replies = []
      this.#pending.set(room, replies)
      const name = String(req.body.user ?? 'someone')
      const user = this.robot.brain.userForId(name, { name, room })
      user.room = room
      const addressed = new RegExp(`^@?(${this.robot.name}|${this.robot.alias || this.robot.name})\\b`, 'i').test(text)
      try {
        await this.robot.receive(new TextMessage(user, addressed ? text : `${this.robot.name} ${text}`, randomUUID()))
      } finally {
        this.#pending.delete(room)
      }
      res.json({ replies: replies.map((t) => ({ text: t, author: this.robot.name })) })
    })
    // The server is already listening (EXPRESS_PORT=0 picks a free port): tell the test harness.
    console.log(`YOUOPS_HUBOT_PORT=${this.robot.server.address().port}`)
    this.emit('connected')
  }

  close () {
    super.close()
  }
}

export default {
  use (robot) {
    return new YouOpsHttp(robot)
  }
}
