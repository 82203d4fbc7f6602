import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createResourceChanges } from '../src/resources/resourceChanges.js';
import { captureLogger } from './helpers.js';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const NOTE = { id: ID, text: 'kept' };

// A repository of one note, which refuses to create a note without text.
function noteRepository() {
  return {
    async findById(id) {
      return id === ID ? NOTE : null;
    },
    async create(fields) {
      if (!fields.text) throw new Error('refused');
      return { id: ID, ...fields };
    },
    async update(id, changes) {
      return id === ID ? { ...NOTE, ...changes } : null;
    },
    async remove(id) {
      return id.toLowerCase() === ID;
    },
  };
}

// Changes with a note repository announcing to them, and the changes a listener heard.
function announcedNotes() {
  const { logger, lines } = captureLogger();
  const changes = createResourceChanges(logger);
  const notes = changes.announce({ resource: 'notes', repository: noteRepository() });
  const heard = [];
  changes.subscribe((change) => heard.push(change));
  return { changes, notes, heard, lines };
}

test('each write is announced after its caller has the answer', async () => {
  const { changes, notes, heard } = announcedNotes();
  assert.deepEqual([...changes.resources], ['notes']);
  const created = await notes.create({ text: 'new' });
  const updated = await notes.update(ID, { text: 'changed' });
  assert.equal(await notes.remove(ID.toUpperCase()), true);
  assert.deepEqual(heard, []);
  await nextTurn();
  assert.deepEqual(heard, [
    { resource: 'notes', event: 'created', data: created },
    { resource: 'notes', event: 'updated', data: updated },
    { resource: 'notes', event: 'deleted', data: { id: ID } },
  ]);
  assert.equal(await notes.findById(ID), NOTE);
});

test('failed writes and writes that found no record are not announced', async () => {
  const { notes, heard } = announcedNotes();
  await assert.rejects(notes.create({}), /refused/);
  const missing = '9b2c4bd6-3f63-4b5f-8d43-1b0b4bd14a2f';
  assert.equal(await notes.update(missing, { text: 'changed' }), null);
  assert.equal(await notes.remove(missing), false);
  await nextTurn();
  assert.deepEqual(heard, []);
});

test('a listener that throws is logged, and neither the write nor other listeners notice', async () => {
  const { changes, notes, heard, lines } = announcedNotes();
  changes.subscribe(() => {
    throw new Error('listener broke');
  });
  const after = [];
  changes.subscribe((change) => after.push(change));
  await notes.create({ text: 'new' });
  await nextTurn();
  assert.equal(heard.length, 1);
  assert.equal(after.length, 1);
  const [line] = lines.filter((entry) => entry.msg === 'Resource change not delivered');
  assert.equal(line.err.message, 'listener broke');
  assert.equal(line.event, 'created');
});

test('a listener hears nothing once it has unsubscribed', async () => {
  const { changes, notes } = announcedNotes();
  const heard = [];
  const unsubscribe = changes.subscribe((change) => heard.push(change));
  unsubscribe();
  await notes.create({ text: 'new' });
  await nextTurn();
  assert.deepEqual(heard, []);
});
