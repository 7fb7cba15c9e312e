import { Injectable } from '@nestjs/common';

/** Whether this process is shutting down: readiness then answers 503 so traffic moves elsewhere. */
@Injectable()
export class LifecycleState {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  startDraining(): void {
    this.draining = true;
  }
}
