export type Shape = { kind: 'square'; side: number } | { kind: 'circle'; radius: number };

export function area(s: Shape): number {
  return s.kind === 'square' ? s.side * s.side : Math.PI * s.radius ** 2;
}

export const greet = (name: string): string => `hello ${name}`;
