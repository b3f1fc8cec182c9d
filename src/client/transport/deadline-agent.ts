/**
 * HTTP agents that give every request a total deadline (connect, headers and the whole body): when it
 * passes, the request and its socket are destroyed, so a server that drips bytes cannot hold a run
 * open. Used where a dependency (jsforce, via node-fetch) makes its own requests on Node's global
 * agents and offers no total deadline of its own: `installDeadlineAgents` replaces the global agents.
 * The SFMC client uses its own agents and its own per-attempt deadline (send.ts).
 */
import http, { type ClientRequest } from 'node:http';
import https from 'node:https';

/** Not a code any retry list knows: a passed deadline is final. */
export const DEADLINE_CODE = 'E_KIT_DEADLINE';

function watch(req: ClientRequest, deadlineMs: number): void {
  const timer = setTimeout(() => {
    const error = Object.assign(
      new Error(`no complete answer within ${Math.round(deadlineMs / 100) / 10} s (deadline)`),
      { code: DEADLINE_CODE },
    );
    req.destroy(error);
  }, deadlineMs);
  // The socket keeps the process alive while the request runs; the timer alone must not.
  timer.unref();
  const clear = () => clearTimeout(timer);
  req.once('response', (res) => {
    res.once('end', clear);
    res.once('close', clear);
  });
  req.once('error', clear);
  req.once('close', clear);
}

/** Wraps the agent's request hook (Node's internal `addRequest`, stable since 0.x) to watch each request. */
function withDeadline<A extends http.Agent>(agent: A, deadlineMs: number): A {
  const hooked = agent as unknown as { addRequest(req: ClientRequest, options: unknown): void };
  const add = hooked.addRequest.bind(agent);
  hooked.addRequest = (req, options) => {
    watch(req, deadlineMs);
    add(req, options);
  };
  return agent;
}

export function deadlineAgents(deadlineMs: number): { http: http.Agent; https: https.Agent } {
  return {
    http: withDeadline(new http.Agent({ keepAlive: true }), deadlineMs),
    https: withDeadline(new https.Agent({ keepAlive: true }), deadlineMs),
  };
}

/** Replaces Node's global agents with deadline agents (once per process; a later call sets the deadline). */
export function installDeadlineAgents(deadlineMs: number): void {
  const agents = deadlineAgents(deadlineMs);
  http.globalAgent = agents.http;
  https.globalAgent = agents.https;
}
