import { Controller, createParamDecorator, type ExecutionContext, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { InboxFacets, InboxPage, InboxVolume, Role } from '@vigie/contracts';
import { Roles } from '@vigie/server';
import { InboxPageQueryDto, InboxVolumeQueryDto } from './inbox-views.dto';
import { type InboxActor, InboxViewsService } from './inbox-views.service';

/** The signed-in user as the global session guard left it on the request. */
const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): InboxActor => {
  const user = context.switchToHttp().getRequest<{ session?: { user?: { id?: unknown; role?: unknown } } }>()
    .session?.user;
  if (typeof user?.id !== 'string' || typeof user.role !== 'string')
    throw new Error('Actor used on a route without a session');
  return { userId: user.id, role: user.role as Role };
});

@ApiTags('inbox')
@Controller('inbox')
export class InboxViewsController {
  constructor(private readonly views: InboxViewsService) {}

  /** One page of a view (each role opens its own views: 403 otherwise), filtered and searched. */
  @Roles('agent', 'supervisor', 'ops', 'admin')
  @Get('conversations')
  page(@Query() query: InboxPageQueryDto, @Actor() actor: InboxActor): Promise<InboxPage> {
    const { view, cursor, limit, ...filters } = query;
    return this.views.page(actor, {
      view,
      filters,
      ...(cursor ? { cursor } : {}),
      limit: limit ?? 50,
    });
  }

  /** Customers' mentions and DMs per hour, for the people who watch the load (the supervisor board). */
  @Roles('supervisor', 'ops', 'admin')
  @Get('volume')
  volume(@Query() query: InboxVolumeQueryDto): Promise<InboxVolume> {
    return this.views.volume(query);
  }

  /** What the filter bar offers: brands, channels, languages, intents, priorities, the most used tags. */
  @Roles('agent', 'supervisor', 'ops', 'admin')
  @Get('facets')
  facets(): Promise<InboxFacets> {
    return this.views.facets();
  }
}
