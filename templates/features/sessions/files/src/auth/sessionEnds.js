import { EventEmitter } from 'node:events';

// Sign-outs, for what holds on to a session beyond a request: the Socket.IO connections opened
// with it are closed when it ends, since they would otherwise outlive it.
export function createSessionEnds() {
  const events = new EventEmitter();
  return {
    ended(sessionId) {
      events.emit('ended', sessionId);
    },
    onEnded(listener) {
      events.on('ended', listener);
    },
  };
}
