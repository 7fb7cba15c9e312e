import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { type RoutingInboxView, routingInboxViews } from '@vigie/contracts';
import { ListConversationsQueryDto } from '@vigie/inbox-server';

export class RoutingInboxQueryDto extends ListConversationsQueryDto {
  @ApiProperty({ enum: routingInboxViews })
  @IsIn(routingInboxViews, { message: `view must be one of: ${routingInboxViews.join(', ')}` })
  view!: RoutingInboxView;
}
