import { defineRules, type RuleSamples } from './types';

/** At least `min` capitals and `min` small letters: random letters, not a camelCase name. */
const hasBothCases = (body: string, min: number): boolean => {
  const upper = body.replace(/[^A-Z]/g, '').length;
  const lower = body.replace(/[^a-z]/g, '').length;
  return upper >= min && lower >= min;
};

/** Model providers' API keys. Leaked AI keys are abused within minutes for paid inference. */
export const aiRules = defineRules([
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    title: 'Anthropic Admin API key',
    pattern: /sk-ant-admin01-[A-Za-z0-9_-]{93}AA/,
    keywords: ['sk-ant-admin01-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'ANTHROPIC_ADMIN_KEY',
    rotationUrl: 'https://console.anthropic.com/settings/admin-keys',
  },
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    title: 'Anthropic API key',
    pattern: /sk-ant-api03-[A-Za-z0-9_-]{93}AA/,
    keywords: ['sk-ant-api03-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'ANTHROPIC_API_KEY',
    rotationUrl: 'https://console.anthropic.com/settings/keys',
  },
  {
    id: 'cohere-api-key',
    provider: 'Cohere',
    title: 'Cohere API key',
    pattern: /[A-Za-z0-9]{40}/,
    nameHint: /cohere|\bco_?api_?key/i,
    keywords: ['cohere', 'co_api'],
    minEntropy: 4,
    severity: 'error',
    envName: 'COHERE_API_KEY',
    rotationUrl: 'https://dashboard.cohere.com/api-keys',
  },
  {
    id: 'groq-api-key',
    provider: 'Groq',
    title: 'Groq API key',
    pattern: /gsk_[A-Za-z0-9]{52}/,
    keywords: ['gsk_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'GROQ_API_KEY',
    rotationUrl: 'https://console.groq.com/keys',
  },
  {
    id: 'huggingface-token',
    provider: 'Hugging Face',
    title: 'Hugging Face access token',
    // `hf_` user access tokens, and `api_org_` organization API tokens (the older org-wide form, still accepted).
    pattern: /(?:hf_|api_org_)[A-Za-z]{34}/,
    keywords: ['hf_', 'api_org_'],
    // The body is random mixed case; an identifier that happens to be 34 letters long (`api_org_listMembersFor…`) is
    // camelCase, with a handful of capitals.
    validWhen: (value) => hasBothCases(value.slice(value.length - 34), 8),
    minEntropy: 3,
    severity: 'error',
    envName: 'HF_TOKEN',
    rotationUrl: 'https://huggingface.co/settings/tokens',
  },
  {
    id: 'langsmith-api-key',
    provider: 'LangSmith',
    title: 'LangSmith API key',
    pattern: /lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}/,
    keywords: ['lsv2_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'LANGSMITH_API_KEY',
    rotationUrl: 'https://smith.langchain.com/settings',
  },
  {
    id: 'mistral-api-key',
    provider: 'Mistral AI',
    title: 'Mistral AI API key',
    pattern: /[A-Za-z0-9]{32}/,
    nameHint: /mistral/i,
    keywords: ['mistral'],
    minEntropy: 4,
    severity: 'error',
    envName: 'MISTRAL_API_KEY',
    rotationUrl: 'https://console.mistral.ai/api-keys',
  },
  {
    id: 'openai-api-key',
    provider: 'OpenAI',
    title: 'OpenAI API key',
    // Every OpenAI key format carries the base64 of "openai" (T3BlbkFJ) in the middle.
    pattern: /sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160}/,
    keywords: ['t3blbkfj'],
    minEntropy: 3,
    severity: 'error',
    envName: 'OPENAI_API_KEY',
    rotationUrl: 'https://platform.openai.com/api-keys',
  },
  {
    id: 'openrouter-api-key',
    provider: 'OpenRouter',
    title: 'OpenRouter API key',
    pattern: /sk-or-v1-[a-f0-9]{64}/,
    keywords: ['sk-or-v1-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'OPENROUTER_API_KEY',
    rotationUrl: 'https://openrouter.ai/settings/keys',
  },
  {
    id: 'perplexity-api-key',
    provider: 'Perplexity',
    title: 'Perplexity API key',
    pattern: /pplx-[A-Za-z0-9]{48}/,
    keywords: ['pplx-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'PERPLEXITY_API_KEY',
    rotationUrl: 'https://www.perplexity.ai/settings/api',
  },
  {
    id: 'pinecone-api-key',
    provider: 'Pinecone',
    title: 'Pinecone API key',
    // A key id of 5 or 6 characters, then a 63-character secret (the shape trufflehog's verified detector reads).
    pattern: /pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63}/,
    keywords: ['pcsk_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'PINECONE_API_KEY',
    rotationUrl: 'https://app.pinecone.io/',
  },
  {
    id: 'replicate-api-token',
    provider: 'Replicate',
    title: 'Replicate API token',
    pattern: /r8_[A-Za-z0-9]{37}/,
    keywords: ['r8_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'REPLICATE_API_TOKEN',
    rotationUrl: 'https://replicate.com/account/api-tokens',
  },
  {
    id: 'xai-api-key',
    provider: 'xAI',
    title: 'xAI API key',
    pattern: /xai-[A-Za-z0-9]{80}/,
    keywords: ['xai-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'XAI_API_KEY',
    rotationUrl: 'https://console.x.ai/',
  },

  {
    id: 'langfuse-secret-key',
    provider: 'Langfuse',
    title: 'Langfuse secret key',
    // `sk-lf-` + a UUID; its pair `pk-lf-…` is the public key (not reported).
    pattern: /sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    keywords: ['sk-lf-'],
    minEntropy: 3,
    severity: 'error',
    envName: 'LANGFUSE_SECRET_KEY',
    rotationUrl: 'https://langfuse.com/faq/all/where-are-langfuse-api-keys',
  },
  {
    id: 'elevenlabs-api-key',
    provider: 'ElevenLabs',
    title: 'ElevenLabs API key',
    // Current keys: `sk_` + 48 hex (the older ones, 32 hex with no prefix, are found under an ElevenLabs name).
    pattern: /sk_[a-f0-9]{48}/,
    keywords: ['sk_'],
    minEntropy: 3,
    severity: 'error',
    envName: 'ELEVENLABS_API_KEY',
    rotationUrl: 'https://elevenlabs.io/app/settings/api-keys',
  },
]);

/** True- and false-positive samples, kept out of the runtime bundle (tree-shaken): see samples.ts. */
export const aiSamples = (): Record<string, RuleSamples> => ({
  'anthropic-admin-key': { positives: [(g) => 'sk-ant-' + 'admin01-' + g.b64url(93) + 'AA'], negatives: ['sk-ant-' + 'admin01-' + 'xyz'] },
  'anthropic-api-key': { positives: [(g) => 'sk-ant-' + 'api03-' + g.b64url(93) + 'AA'], negatives: ['sk-ant-' + 'api03-' + '...'] },
  'cohere-api-key': { positives: [(g) => ({ name: 'COHERE_API_KEY', value: g.alnum(40) })], negatives: [{ name: 'COHERE_API_KEY', value: 'your-cohere-key' }] },
  'groq-api-key': { positives: [(g) => 'gsk_' + g.alnum(52)], negatives: ['gsk_' + 'x'.repeat(52)] },
  'huggingface-token': {
    positives: [(g) => 'hf_' + g.chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 34), (g) => 'api_' + 'org_' + g.chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 34)],
    negatives: ['hf_' + 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'hf_hub_download', 'api_' + 'org_' + 'settings_page', 'api_' + 'org_' + 'a'.repeat(34), 'api_' + 'org_' + 'listMembersForOrganizationUsersAll'],
  },
  'langsmith-api-key': { positives: [(g) => 'lsv2_' + 'pt_' + g.hex(32) + '_' + g.hex(10)], negatives: ['lsv2_' + 'pt_' + 'abc'] },
  'mistral-api-key': { positives: [(g) => ({ name: 'MISTRAL_API_KEY', value: g.alnum(32) })], negatives: [{ name: 'MISTRAL_API_KEY', value: 'mistral-large-latest' }] },
  'openai-api-key': {
    positives: [(g) => 'sk-' + g.alnum(20) + 'T3Blbk' + 'FJ' + g.alnum(20), (g) => 'sk-' + 'proj-' + g.b64url(74) + 'T3Blbk' + 'FJ' + g.b64url(74)],
    negatives: ['sk-' + 'your-openai-key', 'sk-' + 'proj-' + '...'],
  },
  'openrouter-api-key': { positives: [(g) => 'sk-or-' + 'v1-' + g.hex(64)], negatives: ['sk-or-' + 'v1-' + '0'.repeat(64)] },
  'perplexity-api-key': { positives: [(g) => 'pplx-' + g.alnum(48)], negatives: ['pplx-' + 'key'] },
  'pinecone-api-key': { positives: [(g) => 'pcsk_' + g.alnum(5) + '_' + g.alnum(63), (g) => 'pcsk_' + g.alnum(6) + '_' + g.alnum(63)], negatives: ['pcsk_' + 'xxxxx_' + 'x'.repeat(50)] },
  'replicate-api-token': { positives: [(g) => 'r8_' + g.alnum(37)], negatives: ['r8_' + 'abc'] },
  'xai-api-key': { positives: [(g) => 'xai-' + g.alnum(80)], negatives: ['xai-' + 'grok-beta'] },

  'langfuse-secret-key': { positives: [(g) => 'sk-lf-' + g.uuid()], negatives: ['sk-lf-' + '00000000-0000-0000-0000-000000000000', 'pk-lf-' + '3f2a9c1e-7b4d-4e8a-9c2f-1a5b6d7e8f90'] },
  'elevenlabs-api-key': { positives: [(g) => 'sk_' + g.hex(48)], negatives: ['sk_' + '0'.repeat(48), 'sk_' + 'live_' + 'abc', 'task_' + '9e4c1a7b3f2d8e6a0c5b9d1f7a3e2c4b9e4c1a7b3f2d8e6a'] },
});
