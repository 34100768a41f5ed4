import type { BrowseNode, TagValue } from '../../core';

/** MQTT topic names and filters (MQTT 3.1.1 §4.7). */

/** Why a topic filter is not valid, or null. */
export function filterProblem(filter: string): string | null {
  if (filter.length === 0) return 'an empty topic filter';
  if (Buffer.byteLength(filter) > 65_535) return 'a topic filter over 65,535 bytes';
  if (filter.includes('\0')) return 'a NUL character';
  const levels = filter.split('/');
  for (const [i, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return '"#" that is not the whole last level';
    if (level.includes('+') && level !== '+') return '"+" that is not a whole level';
  }
  return null;
}

/** Why a topic name (to publish to) is not valid, or null. */
export function topicProblem(topic: string): string | null {
  if (/[+#]/.test(topic)) return 'wildcards (+ or #) in a topic to write to';
  return filterProblem(topic);
}

export function topicMatches(filter: string, topic: string): boolean {
  if (filter === topic) return true;
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/** The topics seen so far as a tree: null browses the first level; a topic with a value and children is a tag with children. */
export function browseTopics(values: ReadonlyMap<string, TagValue>, address: string | null): BrowseNode[] {
  const prefix = address === null ? '' : `${address}/`;
  const children = new Map<string, { hasValue: boolean; hasChildren: boolean }>();
  for (const topic of values.keys()) {
    if (address !== null && !topic.startsWith(prefix)) continue;
    const rest = topic.slice(prefix.length);
    const slash = rest.indexOf('/');
    const level = slash < 0 ? rest : rest.slice(0, slash);
    const child = children.get(level) ?? { hasValue: false, hasChildren: false };
    if (slash < 0) child.hasValue = true;
    else child.hasChildren = true;
    children.set(level, child);
  }
  return [...children]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([level, c]) => ({ address: `${prefix}${level}`, name: level, kind: c.hasValue ? 'tag' : 'folder', hasChildren: c.hasChildren }));
}
