/**
 * Webhook secrets are encrypted at rest with the application's `SecretCipher` (`@vigie/server`, AES-256-GCM,
 * the key of channel credentials: ADR 0011). The additional data binds a ciphertext to its webhook, so one copied
 * onto another row does not decrypt.
 */
export const webhookSecretBinding = (webhookId: string): string => `incident_webhook:${webhookId}`;
