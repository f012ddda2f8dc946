// @aws-appsync/utils/ai: requests for a Bedrock data source, which the local
// server does not run; each helper says so plainly.
import { unsupported } from './state.js';

export const ai = {
  converse: unsupported('@aws-appsync/utils/ai.converse'),
  invokeModel: unsupported('@aws-appsync/utils/ai.invokeModel'),
};
