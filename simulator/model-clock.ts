/**
 * Maps wall time to model time: model time starts at the wall time of creation and runs `speed`
 * times faster; changing the speed re-anchors, so model time never jumps.
 */
export function createModelClock(wallNow: () => number, speed: number) {
  let anchorWall = wallNow();
  let anchorModel = anchorWall;
  let current = speed;
  const modelNow = (): number => anchorModel + (wallNow() - anchorWall) * current;
  return {
    wallNow,
    modelNow,
    speed: (): number => current,
    setSpeed(next: number): void {
      anchorModel = modelNow();
      anchorWall = wallNow();
      current = next;
    },
  };
}
export type ModelClock = ReturnType<typeof createModelClock>;
