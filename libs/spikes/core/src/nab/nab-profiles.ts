/** NAB application profiles: the weights of a true positive, a false positive and a false negative. */
export type NabProfileName = 'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate';

export type NabCostMatrix = {
  readonly truePositiveWeight: number;
  readonly falsePositiveWeight: number;
  readonly falseNegativeWeight: number;
};

/** The official weights (NAB `config/profiles.json`). */
export const NAB_PROFILES: Readonly<Record<NabProfileName, NabCostMatrix>> = {
  standard: { truePositiveWeight: 1, falsePositiveWeight: 0.11, falseNegativeWeight: 1 },
  reward_low_FP_rate: { truePositiveWeight: 1, falsePositiveWeight: 0.22, falseNegativeWeight: 1 },
  reward_low_FN_rate: { truePositiveWeight: 1, falsePositiveWeight: 0.11, falseNegativeWeight: 2 },
};

export const NAB_PROFILE_NAMES: readonly NabProfileName[] = [
  'standard',
  'reward_low_FP_rate',
  'reward_low_FN_rate',
];
