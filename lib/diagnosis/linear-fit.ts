export type LinearFit = { slope: number; intercept: number; r2: number };

/**
 * Least-squares line through (x, y) and its coefficient of determination. x is
 * centred before summing so epoch-millisecond timestamps do not lose precision.
 * r2 is 0 for a constant series (a line explains none of no variance).
 */
export function fitLinear({ xs, ys }: { xs: readonly number[]; ys: readonly number[] }): LinearFit | null {
  const n = xs.length;
  if (n < 2) return null;
  const meanX = xs.reduce((s, x) => s + x, 0) / n;
  const meanY = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = xs[i] - meanX;
    const dy = ys[i] - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept: meanY - slope * meanX, r2 };
}
