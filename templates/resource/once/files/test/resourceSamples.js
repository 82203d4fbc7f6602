// Helpers of the resources' test samples (test/<resource>.samples.js).

// Each value a field rule accepts, as [sent, answered]: a rule lists a value the API answers as
// it was sent on its own, and one the API normalizes as such a pair.
export function acceptedValues(rule) {
  return rule.accepts.map((value) => (Array.isArray(value) ? value : [value, value]));
}

// Creates a record through the API, with an agent that may, and answers its id.
export async function createdId(api, path, record) {
  return (await api.post(path).send(record).expect(201)).body.id;
}
