import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { demoXAccount } from '@vigie/ingestion-server';
import { CLOCK, type Clock } from '@vigie/kernel';
import { APP_CONFIG, type AppConfig } from '@vigie/server';
import { CannedAnswerRepository } from '../answers/canned-answer.repository';
import { demoCannedAnswers } from './demo-canned-answers';

/**
 * In demo mode: the demo brand's canned answers (FR and EN), once. The brand itself comes from the ingestion's
 * demo bootstrap; `CannedModule` imports `IngestionModule`, so Nest runs that bootstrap first (the hooks of
 * deeper modules run before). Nothing is added while the brand has any answer, live or deleted (an answer an
 * admin deleted stays deleted); processes starting together meet on the unique title and add each answer once.
 */
@Injectable()
export class DemoCannedAnswersSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoCannedAnswers');

  constructor(
    private readonly answers: CannedAnswerRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo.isEnabled) return;
    const brandId = await this.answers.brandIdNamed(demoXAccount.brandName);
    if (!brandId) return;
    if ((await this.answers.list({ brandId, isDeletedIncluded: true, limit: 1 })).length > 0) return;
    let added = 0;
    for (const answer of demoCannedAnswers) {
      const isAdded = await this.answers.insertUnlessTitled({
        brandId,
        ...answer,
        userId: null,
        at: this.clock.now(),
      });
      if (isAdded) added += 1;
    }
    if (added > 0) this.logger.log({ brandId, added }, 'Demo canned answers added');
  }
}
