// A WAFv2 web ACL in front of the GraphQL API: known-bad sources and inputs,
// a per-IP rate limit, and a body size cap. Blocked and counted requests are
// logged, with every header that can carry a credential redacted.
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { StackSettings } from './config.js';

/**
 * AWS WAF forwards at most the first 8 KB (8,192 bytes) of an AppSync request
 * body for inspection, a fixed limit (AWS WAF developer guide, "Managing body
 * inspection size limits"; WAFV2 API reference, Body.OversizeHandling). AppSync
 * itself documents no request size quota. So the cap is 8 KB with oversize
 * handling MATCH: a body WAF cannot see whole is blocked rather than half-checked.
 * The largest valid request of this API (createItem with a 200-character title
 * and 20 tags of 50 characters, 3 UTF-8 bytes each) is under 4 KB, and 8 KB also
 * bounds alias floods (about 200 aliased fields at most).
 */
export const MAX_BODY_BYTES = 8192;

/** Headers and parts that carry credentials: the Cognito JWT, IAM session tokens,
 * and the real-time handshake's auth (a `header` query parameter or a
 * `header-…` WebSocket subprotocol, per AppSync's real-time protocol). */
const REDACTED: wafv2.CfnLoggingConfiguration.FieldToMatchProperty[] = [
  { singleHeader: { Name: 'authorization' } },
  { singleHeader: { Name: 'x-amz-security-token' } },
  { singleHeader: { Name: 'x-api-key' } },
  { singleHeader: { Name: 'sec-websocket-protocol' } },
  { singleHeader: { Name: 'cookie' } },
  { queryString: {} },
];

export function createWebAcl(scope: Construct, api: appsync.GraphqlApi, settings: StackSettings): wafv2.CfnWebACL {
  const name = `${Stack.of(scope).stackName}-api`;
  // Sampled requests are off: the WAF console shows them with their headers
  // unredacted (Authorization included); the redacted log below replaces them.
  const visibility = (metric: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
    cloudWatchMetricsEnabled: true,
    metricName: `${name}-${metric}`,
    sampledRequestsEnabled: false,
  });
  const managed = (priority: number, ruleName: string): wafv2.CfnWebACL.RuleProperty => ({
    name: ruleName,
    priority,
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: ruleName } },
    overrideAction: { none: {} },
    visibilityConfig: visibility(ruleName),
  });

  const acl = new wafv2.CfnWebACL(scope, 'WebAcl', {
    name,
    description: 'GraphQL API: IP reputation, per-IP rate limit, body size cap, known bad inputs',
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('all'),
    rules: [
      // Cheapest first: known-bad sources never reach the counting rules.
      managed(0, 'AWSManagedRulesAmazonIpReputationList'),
      {
        name: 'RateLimitPerIp',
        priority: 1,
        statement: { rateBasedStatement: { limit: settings.wafRateLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
        action: { block: { customResponse: { responseCode: 429 } } },
        visibilityConfig: visibility('rate-limit'),
      },
      {
        name: 'BodySizeLimit',
        priority: 2,
        statement: {
          sizeConstraintStatement: {
            fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
            comparisonOperator: 'GT',
            size: MAX_BODY_BYTES,
            textTransformations: [{ priority: 0, type: 'NONE' }],
          },
        },
        action: { block: { customResponse: { responseCode: 413 } } },
        visibilityConfig: visibility('body-size'),
      },
      // Log4j/Java deserialization and similar payloads in the body and headers.
      managed(3, 'AWSManagedRulesKnownBadInputsRuleSet'),
    ],
  });
  new wafv2.CfnWebACLAssociation(scope, 'WebAclAssociation', { resourceArn: api.arn, webAclArn: acl.attrArn });

  // WAF requires the destination log group's name to start with aws-waf-logs-.
  const logGroupName = `aws-waf-logs-${Stack.of(scope).stackName}`;
  const logGroup = new logs.LogGroup(scope, 'WafLogs', {
    logGroupName,
    retention: settings.logRetentionDays as logs.RetentionDays,
    removalPolicy: settings.removalPolicy,
  });
  const logging = new wafv2.CfnLoggingConfiguration(scope, 'WafLogging', {
    resourceArn: acl.attrArn,
    // The log group ARN without the ":*" suffix that its Arn attribute carries.
    logDestinationConfigs: [
      Stack.of(scope).formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
    ],
    redactedFields: REDACTED,
    // Keep what WAF stopped or flagged; allowed traffic is in AppSync's own metrics.
    loggingFilter: {
      DefaultBehavior: 'DROP',
      Filters: [
        {
          Behavior: 'KEEP',
          Requirement: 'MEETS_ANY',
          Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
        },
      ],
    },
  });
  logging.node.addDependency(logGroup);
  return acl;
}
