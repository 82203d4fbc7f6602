import { z } from 'zod';

// Clients follow the writes to a resource in its room: after `resource:join` with
// `{ resource: 'products' }`, a connection receives `products:created` and `products:updated` with
// the record as the REST API answers it, and `products:deleted` with `{ id }`. Reading a resource
// needs no more than a connection: where the service has accounts, every connection has a
// signed-in user (authentication.js), which is what the REST API asks for reads, of records with
// owners too. Broadcasts go through the adapter, so with Redis they reach every instance's clients.
export function followResourceChanges(io, { resourceChanges }) {
  const resourceRequest = z.strictObject({ resource: z.enum([...resourceChanges.resources]) });
  const stopBroadcasting = resourceChanges.subscribe(({ resource, event, data }) => {
    io.to(roomOf(resource)).emit(`${resource}:${event}`, data);
  });

  return {
    // Adds the events that join and leave a resource's room to a connection's (rooms.js).
    handle(socket, on) {
      on('resource:join', resourceRequest, async ({ resource }) => {
        await socket.join(roomOf(resource));
        return { resource };
      });
      on('resource:leave', resourceRequest, async ({ resource }) => {
        await socket.leave(roomOf(resource));
        return { resource };
      });
    },
    close: stopBroadcasting,
  };
}

// Apart from the rooms that clients name (rooms.js), so that `room:join` cannot enter one.
function roomOf(resource) {
  return `resource:${resource}`;
}
