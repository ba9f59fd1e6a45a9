import type { FaultTable } from "../http/faults";
import type { ModelClock } from "../model-clock";
import type { ModelState } from "../model/types";
import type { RestartController } from "../restart-controller";

/** What every route handler can reach: the model and the server's own controls. */
export type TargetContext = {
  state: ModelState;
  clock: ModelClock;
  faults: FaultTable;
  restarts: RestartController;
};
