// The writes to the resources' records, for whoever follows them (the Socket.IO server, which
// sends them to clients). A write is announced once the repository has made it (with Postgres,
// once it is committed), never when it failed or found no record to change.
export function createResourceChanges(logger) {
  const resources = new Set();
  const listeners = new Set();

  function announce(change) {
    // After the writer has answered its client: a listener can neither delay nor fail the write.
    setImmediate(() => {
      for (const listener of listeners) {
        try {
          listener(change);
        } catch (err) {
          const { resource, event } = change;
          logger.error({ err, resource, event }, 'Resource change not delivered');
        }
      }
    });
  }

  return {
    // The names of the resources whose writes are announced.
    resources,
    // The repository of `resource`, announcing each write it makes: `created` and `updated` with
    // the record as the API answers it, `deleted` with its id. Every route and resolver writes
    // through it, so no way of writing can forget to.
    announce({ resource, repository }) {
      resources.add(resource);
      return {
        ...repository,
        async create(fields) {
          const record = await repository.create(fields);
          announce({ resource, event: 'created', data: record });
          return record;
        },
        async update(id, changes) {
          const record = await repository.update(id, changes);
          if (record) announce({ resource, event: 'updated', data: record });
          return record;
        },
        async remove(id) {
          const removed = await repository.remove(id);
          if (removed) announce({ resource, event: 'deleted', data: { id: id.toLowerCase() } });
          return removed;
        },
      };
    },
    // Calls `listener({ resource, event, data })` for each write from now on; answers what stops.
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
