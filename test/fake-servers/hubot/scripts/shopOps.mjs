// The team bot of the demo "shop": answers deploys and restarts like a ChatOps bot would,
// with a progress line and a ✅/❌ outcome.
const ENVS = ['dev', 'staging', 'prod']

export default (robot) => {
  robot.respond(/deploy (\S+) to (\S+)$/i, async (res) => {
    const [, version, env] = res.match
    if (!ENVS.includes(env)) return res.send(`❌ deploy failed: no environment "${env}" (known: ${ENVS.join(', ')})`)
    if (env === 'prod' && /-rc\b/i.test(version)) return res.send(`❌ deploy of ${version} to prod denied: release candidates never go to prod`)
    await res.send(`Deploying shop ${version} to ${env}…`)
    await res.send(`✅ Deployed shop ${version} to ${env}`)
  })

  robot.respond(/restart (\S+) in (\S+)$/i, async (res) => {
    const [, app, env] = res.match
    if (!ENVS.includes(env)) return res.send(`❌ restart failed: no environment "${env}"`)
    await res.send(`✅ Restarted ${app} in ${env} (rollout complete)`)
  })

  // Answers late on purpose, for timeout handling.
  robot.respond(/sleep (\d+)$/i, async (res) => {
    await new Promise((resolve) => setTimeout(resolve, Number(res.match[1])))
    await res.send('woke up')
  })

  robot.catchAll(async (res) => {
    // A catch-all message wraps the original one.
    const text = (res.message.message?.text ?? res.message.text ?? '').replace(new RegExp(`^${robot.name}\\s+`, 'i'), '')
    await res.send(`Sorry, I don't know how to "${text}"`)
  })
}
