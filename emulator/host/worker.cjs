'use strict'
// One cloud function instance. Plain CommonJS so it starts the same under tsx, jest and node, with no
// loader in the worker. Loads the bundle once (the cold start), then runs one invocation at a time;
// the host enforces the time limit and replaces this thread if anything escapes the handler.
const { parentPort, workerData } = require('node:worker_threads')

if (workerData.captureOutput) {
  // Output travels as messages rather than through the worker's stdio streams, which would keep
  // the host process alive while the instance sits idle.
  for (const stream of ['stdout', 'stderr']) {
    process[stream].write = (chunk, encoding, callback) => {
      parentPort.postMessage({ type: 'output', text: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8') })
      const done = typeof encoding === 'function' ? encoding : callback
      if (typeof done === 'function') done()
      return true
    }
  }
}

let main
try {
  main = require(workerData.entry).main
  if (typeof main !== 'function') throw new Error(`${workerData.entry} does not export main(event, context)`)
} catch (error) {
  parentPort.postMessage({ type: 'load-failed', message: describe(error) })
  return
}
parentPort.postMessage({ type: 'ready' })

parentPort.on('message', (message) => {
  if (message.type === 'invoke') void invoke(message)
})

async function invoke({ id, event, context, openid }) {
  // The handler's own time by this thread's clock: what the cloud reports as a run's duration,
  // without the time the host takes to hand the event over and to read the answer.
  const started = performance.now()
  // getWXContext() reads the caller from process.env, which is this thread's own copy.
  if (openid) process.env.WX_OPENID = openid
  else delete process.env.WX_OPENID
  let json
  try {
    const value = await main(event, context)
    // The cloud hands a function's return value to the caller as JSON.
    json = JSON.stringify(value === undefined ? null : value)
  } catch (error) {
    parentPort.postMessage({ type: 'handler-error', id, message: describe(error), handlerMs: performance.now() - started })
    return
  }
  parentPort.postMessage({ type: 'result', id, json, handlerMs: performance.now() - started })
}

function describe(error) {
  return error instanceof Error ? error.stack || error.message : String(error)
}
