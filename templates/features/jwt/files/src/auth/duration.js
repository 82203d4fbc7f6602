const SECONDS = { s: 1, m: 60, h: 60 * 60, d: 24 * 60 * 60 };

// "15m" -> 900. Config has already checked the notation, so anything else is a programming error.
export function durationInSeconds(duration) {
  const match = /^([1-9]\d*)([smhd])$/.exec(duration);
  if (!match) throw new TypeError(`Not a duration: ${duration}`);
  return Number(match[1]) * SECONDS[match[2]];
}
