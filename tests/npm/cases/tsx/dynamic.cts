// A CommonJS module in TypeScript, imported dynamically.
export function twice(n: number): number {
  return n * 2;
}
