/**
 * Ports for WeChat's openapi calls. Each picks its adapter per call: `cloud.openapi` in the cloud,
 * a local stand-in inside the local cloud (`UNIONHUB_LOCAL_CLOUD=1`). A function that uses one
 * must list the API in its config.json `permissions.openapi`.
 */
export { contentCheck, type ContentCheck, type ContentScene, type ContentSuggestion, type ContentVerdict } from './contentCheck'
export { sendTemplate, subscribeMessages, type SendOutcome, type SubscribeMessage, type SubscribeMessages } from './subscribeMessages'
export { miniProgramCode, type MiniProgramCode, type MiniProgramCodeRequest } from './miniProgramCode'
