import { Module } from '@nestjs/common';
import { InboxModule } from '@vigie/inbox-server';
import { IngestionModule } from '@vigie/ingestion-server';
import { SlaModule } from '@vigie/sla-server';
import { CannedAnswerRepository } from './answers/canned-answer.repository';
import { CannedAnswersService } from './answers/canned-answers.service';
import { DemoCannedAnswersSeeder } from './demo/demo-canned-answers.seeder';
import {
  CannedAnswersController,
  ConversationCannedAnswersController,
} from './http/canned-answers.controller';
import { CannedRenderingService } from './rendering/canned-rendering.service';

/**
 * Canned answers (docs/console.md, docs/adr/0502): saved replies per brand and language with variables, written
 * by supervisors and admins, filled in for a conversation for the reply box's `/` picker. Reads the inbox (the
 * conversation, its customer) and the SLA (the calendar behind `{{next_opening}}`); imports the ingestion module
 * for the demo brand's bootstrap order only. Nothing depends on it.
 */
@Module({
  imports: [InboxModule, SlaModule, IngestionModule],
  controllers: [CannedAnswersController, ConversationCannedAnswersController],
  providers: [CannedAnswerRepository, CannedAnswersService, CannedRenderingService, DemoCannedAnswersSeeder],
  exports: [CannedAnswersService],
})
export class CannedModule {}
