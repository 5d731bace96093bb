// An ES module in TypeScript: types, an enum, a class and a .ts import.
import { greet, type Shape, area } from './shapes.ts';
import data from './data.json' with { type: 'json' };

enum Color { Red = 'red', Blue = 'blue' }

class Box<T> {
  constructor(private readonly value: T) {}
  get(): T { return this.value; }
}

const shapes: Shape[] = [{ kind: 'square', side: 3 }, { kind: 'circle', radius: 1 }];
console.log(greet('kiln'), Color.Blue, new Box<number>(42).get());
for (const s of shapes) console.log(s.kind, area(s).toFixed(3));
console.log(data.name, import.meta.url.endsWith('/main.mts'));
const { twice } = await import('./dynamic.cts');
console.log(twice(21));
