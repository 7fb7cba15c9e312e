import { Injectable } from '@nestjs/common';
import { rooms, type SlaAlert } from '@vigie/contracts';

/**
 * Who hears of an SLA alert, as socket rooms. Without routing data every inbox console hears warnings and
 * supervisors and admins hear breaches; a routing-aware audience (the assignee's `agent:` room, the team's
 * `team:` room) can replace this provider in the composition root without touching the scheduler.
 */
@Injectable()
export class SlaAlertAudience {
  roomsFor(alert: SlaAlert): string[] {
    if (alert.clock === 'customer') return [rooms.role('supervisor'), rooms.role('admin')];
    if (alert.kind === 'warning') return [rooms.role('agent'), rooms.role('supervisor')];
    return [rooms.role('agent'), rooms.role('supervisor'), rooms.role('admin')];
  }
}
