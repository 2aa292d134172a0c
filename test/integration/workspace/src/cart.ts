export function total(items: { price: number; quantity: number }[]): number {
  let sum = 0;
  for (const item of items) sum += item.price;
  return sum;
}
