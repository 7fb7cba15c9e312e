export { CannedModule } from './canned.module';
export { CannedAnswersService } from './answers/canned-answers.service';
export { demoCannedAnswers } from './demo/demo-canned-answers';
