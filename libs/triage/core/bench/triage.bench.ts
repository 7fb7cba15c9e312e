/**
 * Triage bench.
 *
 *   npm run bench:triage                         # the repo's labelled set
 *   npm run bench:triage -- --data <file.jsonl>  # any file of the same shape
 *   npm run bench:triage -- --data <file> --errors   # also list every misclassified post
 *
 * Each line: {"id", "lang": "fr"|"en", "text", "needs_reply", "intent", "sentiment"}; extra fields are
 * ignored, malformed lines are skipped and counted. Prints accuracy and macro-F1 for needs_reply, intent,
 * sentiment and language, overall and per language, the intent confusion matrix and posts per second.
 */
// The bench is a command-line tool: reading the data file is its job, unlike the pure code under src/.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  TRIAGE_INTENTS,
  TRIAGE_SENTIMENTS,
  classificationReport,
  parseLabelledJsonl,
  triagePost,
  type ClassificationReport,
  type LabelledPost,
  type TriageResult,
} from '../src/index';

const DEFAULT_DATA = path.join(__dirname, '..', 'data', 'triage-labelled.jsonl');
const TARGET_NEEDS_REPLY_ACCURACY = 0.9;
const TARGET_INTENT_MACRO_F1 = 0.75;

function parseArguments(argv: readonly string[]): { dataPath: string; isListingErrors: boolean } {
  let dataPath = DEFAULT_DATA;
  let isListingErrors = false;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--data') {
      const value = argv[index + 1];
      if (value === undefined) throw new Error('--data needs a file path');
      dataPath = path.resolve(value);
      index += 1;
    } else if (argument?.startsWith('--data=') === true)
      dataPath = path.resolve(argument.slice('--data='.length));
    else if (argument === '--errors') isListingErrors = true;
    else if (argument === '--help' || argument === '-h') {
      console.log('usage: npm run bench:triage -- [--data <file.jsonl>] [--errors]');
      process.exit(0);
    } else throw new Error(`unknown argument ${argument}`);
  }
  return { dataPath, isListingErrors };
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const fixed = (value: number): string => value.toFixed(3);

function summary(name: string, report: ClassificationReport): string {
  return `  ${name.padEnd(12)} accuracy ${percent(report.accuracy).padStart(6)}   macro-F1 ${fixed(report.macroF1)}   (n=${report.count})`;
}

function reports(posts: readonly LabelledPost[], results: readonly TriageResult[]) {
  return {
    needsReply: classificationReport({
      gold: posts.map((post) => String(post.needsReply)),
      predicted: results.map((result) => String(result.needsReply)),
      labels: ['true', 'false'],
    }),
    intent: classificationReport({
      gold: posts.map((post) => post.intent),
      predicted: results.map((result) => result.intent),
      labels: TRIAGE_INTENTS,
    }),
    sentiment: classificationReport({
      gold: posts.map((post) => post.sentiment),
      predicted: results.map((result) => result.sentiment),
      labels: TRIAGE_SENTIMENTS,
    }),
    language: classificationReport({
      gold: posts.map((post) => post.language),
      predicted: results.map((result) => result.language),
      labels: ['fr', 'en'],
    }),
  };
}

function printConfusion(report: ClassificationReport): void {
  const short = (label: string): string => (label === 'outage_report' ? 'outage' : label).slice(0, 9);
  console.log(
    `  ${'gold \\ predicted'.padEnd(17)}${report.labels.map((label) => short(label).padStart(10)).join('')}`,
  );
  for (const row of report.labels) {
    const counts = report.labels.map((column) => String(report.confusion[row]?.[column] ?? 0).padStart(10));
    console.log(`  ${short(row).padEnd(17)}${counts.join('')}`);
  }
  console.log(
    `  per intent: ${report.perClass
      .filter((metrics) => metrics.support > 0)
      .map((metrics) => `${short(metrics.label)} F1 ${fixed(metrics.f1)}`)
      .join(', ')}`,
  );
}

function main(): void {
  const { dataPath, isListingErrors } = parseArguments(process.argv.slice(2));
  const { posts, errors } = parseLabelledJsonl(readFileSync(dataPath, 'utf8'));
  console.log(`triage bench: ${dataPath}`);
  console.log(`  ${posts.length} posts read, ${errors.length} malformed line(s) skipped`);
  for (const { lineNumber, error } of errors.slice(0, 10)) console.log(`    line ${lineNumber}: ${error}`);
  if (errors.length > 10) console.log(`    … and ${errors.length - 10} more`);
  if (posts.length === 0) {
    console.log('  nothing to score');
    process.exitCode = 1;
    return;
  }

  // Warm up (JIT, regex compilation), then time repeated passes for a stable posts/second figure.
  for (const post of posts.slice(0, 50)) triagePost({ text: post.text });
  const results = posts.map((post) => triagePost({ text: post.text }));
  const passes = Math.max(1, Math.ceil(20_000 / posts.length));
  const started = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass += 1) for (const post of posts) triagePost({ text: post.text });
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const postsPerSecond = (passes * posts.length) / elapsedSeconds;

  const overall = reports(posts, results);
  console.log('\nall languages');
  console.log(summary('needs_reply', overall.needsReply));
  console.log(summary('intent', overall.intent));
  console.log(summary('sentiment', overall.sentiment));
  console.log(summary('language', overall.language));
  const perLanguage = (['fr', 'en'] as const).map((language) => {
    const indices = posts.flatMap((post, index) => (post.language === language ? [index] : []));
    return {
      language,
      indices,
      report: reports(
        indices.map((index) => posts[index] as LabelledPost),
        indices.map((index) => results[index] as TriageResult),
      ),
    };
  });
  for (const { language, indices, report } of perLanguage) {
    if (indices.length === 0) continue;
    console.log(`\n${language} (${indices.length} posts)`);
    console.log(summary('needs_reply', report.needsReply));
    console.log(summary('intent', report.intent));
    console.log(summary('sentiment', report.sentiment));
    console.log(summary('language', report.language));
  }
  console.log('\nintent confusion (all languages)');
  printConfusion(overall.intent);

  console.log(
    `\nspeed: ${Math.round(postsPerSecond).toLocaleString('en-US')} posts/s (${passes * posts.length} posts in ${elapsedSeconds.toFixed(2)} s, one thread)`,
  );

  const checks = [
    ...perLanguage
      .filter(({ indices }) => indices.length > 0)
      .map(({ language, report }) => ({
        name: `needs_reply accuracy ${language} ≥ ${percent(TARGET_NEEDS_REPLY_ACCURACY)}`,
        isMet: report.needsReply.accuracy >= TARGET_NEEDS_REPLY_ACCURACY,
        value: percent(report.needsReply.accuracy),
      })),
    {
      name: `intent macro-F1 ≥ ${TARGET_INTENT_MACRO_F1}`,
      isMet: overall.intent.macroF1 >= TARGET_INTENT_MACRO_F1,
      value: fixed(overall.intent.macroF1),
    },
  ];
  console.log('\ntargets');
  for (const check of checks)
    console.log(`  ${check.isMet ? 'met ' : 'MISS'}  ${check.name}: ${check.value}`);

  if (isListingErrors) {
    console.log('\nmisclassified (gold → predicted)');
    posts.forEach((post, index) => {
      const result = results[index] as TriageResult;
      const mismatches = [
        post.needsReply !== result.needsReply ? `reply ${post.needsReply}→${result.needsReply}` : '',
        post.intent !== result.intent ? `intent ${post.intent}→${result.intent}` : '',
        post.sentiment !== result.sentiment ? `sentiment ${post.sentiment}→${result.sentiment}` : '',
        post.language !== result.language ? `lang ${post.language}→${result.language}` : '',
      ].filter((part) => part.length > 0);
      if (mismatches.length > 0) console.log(`  ${post.id}  ${mismatches.join('; ')}  | ${post.text}`);
    });
  }
}

main();
