/** A function returning the next number in [0, 1) of the sequence for `seed`. */
export function mulberry32(seed: number): () => number;
