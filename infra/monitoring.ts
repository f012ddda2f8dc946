// Alarms on the API and its table, published to an encrypted SNS topic, and a
// dashboard of the same metrics plus consumed capacity and WAF verdicts.
import { ArnFormat, Aws, Duration, Stack } from 'aws-cdk-lib';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { StackSettings } from './config.js';

const PERIOD = Duration.minutes(5);
/** CloudWatch: an alarm on a metric math expression can use at most 10 metrics. */
const MAX_ALARM_METRICS = 10;

export interface MonitoredTable {
  name: string;
  table: dynamodb.ITableV2;
  /** CloudWatch `Operation` values the resolvers send to it (ThrottledRequests, SystemErrors). */
  operations: string[];
  indexes: string[];
}

export interface MonitoringProps {
  api: appsync.GraphqlApi;
  tables: MonitoredTable[];
  webAcl: wafv2.CfnWebACL;
  settings: StackSettings;
}

/**
 * Sum of one DynamoDB metric over the given operations. Each series is FILLed
 * with 0: in metric math, `a + b` has no value where either series has none,
 * and a throttle on one operation must not vanish because others had none.
 */
function sumOverOperations(t: MonitoredTable, metricName: string, prefix: string): cw.MathExpression {
  if (t.operations.length === 0) throw new Error(`table ${t.name}: no DynamoDB operation found in its resolvers`);
  if (t.operations.length > MAX_ALARM_METRICS) {
    throw new Error(`table ${t.name}: ${t.operations.length} operations, over the ${MAX_ALARM_METRICS} metrics an alarm can use`);
  }
  const usingMetrics: Record<string, cw.IMetric> = {};
  for (const op of t.operations) {
    usingMetrics[`${prefix}_${op.toLowerCase()}`] = new cw.Metric({
      namespace: 'AWS/DynamoDB',
      metricName,
      dimensionsMap: { TableName: t.table.tableName, Operation: op },
      statistic: 'Sum',
      period: PERIOD,
    });
  }
  return new cw.MathExpression({
    expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
    usingMetrics,
    label: `${t.name} ${metricName}`,
    period: PERIOD,
  });
}

/**
 * Alarm notifications go to a topic encrypted with a key CloudWatch may use
 * (Amazon SNS developer guide, "Enable compatibility between event sources from
 * AWS services and encrypted topics": the service principal needs
 * kms:GenerateDataKey* and kms:Decrypt on the key). An AWS managed key
 * (alias/aws/sns) cannot be used: its policy cannot be edited. Both grants are
 * scoped to this stack's alarms (aws:SourceAccount, aws:SourceArn) so the
 * service cannot be made to act for another account's alarms.
 */
function alarmTopic(scope: Construct, settings: StackSettings): sns.Topic {
  const stack = Stack.of(scope);
  const conditions = {
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: `${stack.stackName}-*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
  };
  const cloudwatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
  const key = new kms.Key(scope, 'AlarmTopicKey', {
    description: 'Encrypts the API alarm topic; CloudWatch alarms may use it to publish',
    enableKeyRotation: true,
    removalPolicy: settings.removalPolicy,
    ...(settings.retainData ? {} : { pendingWindow: Duration.days(7) }),
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [cloudwatch],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions,
    }),
  );
  const topic = new sns.Topic(scope, 'AlarmTopic', {
    topicName: `${stack.stackName}-alarms`,
    displayName: `${stack.stackName} alarms`,
    masterKey: key,
    enforceSSL: true,
  });
  // enforceSSL gives the topic a policy of its own, which replaces SNS's default one.
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [cloudwatch],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions,
    }),
  );
  // -c alarmEmail=ADDRESS: SNS mails a confirmation link first; alarms reach
  // the address once it is confirmed. Without it, the topic has no subscriber.
  if (settings.alarmEmail) topic.addSubscription(new snsSubscriptions.EmailSubscription(settings.alarmEmail));
  return topic;
}

export function createMonitoring(scope: Construct, props: MonitoringProps): { topic: sns.Topic; alarms: cw.Alarm[]; dashboard: cw.Dashboard } {
  const { api, settings } = props;
  const stackName = Stack.of(scope).stackName;
  const topic = alarmTopic(scope, settings);
  const action = new cwActions.SnsAction(topic);

  const appsyncMetric = (metricName: string, statistic: string, label?: string) =>
    new cw.Metric({ namespace: 'AWS/AppSync', metricName, dimensionsMap: { GraphQLAPIId: api.apiId }, statistic, period: PERIOD, label });
  const errors5xx = appsyncMetric('5XXError', 'Sum', '5XX errors');
  const errors4xx = appsyncMetric('4XXError', 'Sum', '4XX errors');
  const latencyP99 = appsyncMetric('Latency', 'p99', 'Latency p99');
  const latencyP50 = appsyncMetric('Latency', 'p50', 'Latency p50');
  // AppSync's `Requests` metric is per account and Region, not per API: the
  // number of Latency samples stands for the API's requests.
  const errorRate4xx = new cw.MathExpression({
    expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
    usingMetrics: { errors: errors4xx, requests: appsyncMetric('Latency', 'SampleCount') },
    label: '4XX error rate (%)',
    period: PERIOD,
  });

  const alarms: cw.Alarm[] = [];
  const alarm = (id: string, metric: cw.IMetric, threshold: number, description: string, periods = 1,
    operator = cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD) => {
    const a = new cw.Alarm(scope, id, {
      alarmName: `${stackName}-${id}`,
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: operator,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      // No traffic is not a failure.
      treatMissingData: cw.TreatMissingData.NOT_BREACHING,
    });
    a.addAlarmAction(action);
    a.addOkAction(action);
    alarms.push(a);
    return a;
  };
  const { alarms: t } = settings;
  alarm('Api5xxErrors', errors5xx, t.api5xxErrors, `AppSync 5XXError: ${t.api5xxErrors} or more in 5 minutes`);
  alarm('Api4xxErrorRate', errorRate4xx, t.api4xxRatePercent,
    `AppSync 4XXError above ${t.api4xxRatePercent}% of requests for 15 minutes`, 3, cw.ComparisonOperator.GREATER_THAN_THRESHOLD);
  alarm('ApiLatencyP99', latencyP99, t.apiLatencyP99Ms,
    `AppSync p99 latency above ${t.apiLatencyP99Ms} ms for 15 minutes`, 3, cw.ComparisonOperator.GREATER_THAN_THRESHOLD);

  const throttles: cw.IMetric[] = [];
  const systemErrors: cw.IMetric[] = [];
  const capacity: cw.IMetric[] = [];
  for (const table of props.tables) {
    const thr = sumOverOperations(table, 'ThrottledRequests', 'thr');
    const err = sumOverOperations(table, 'SystemErrors', 'err');
    throttles.push(thr);
    systemErrors.push(err);
    alarm(`${cap(table.name)}TableThrottledRequests`, thr, t.tableThrottledRequests,
      `DynamoDB ThrottledRequests on ${table.name}: ${t.tableThrottledRequests} or more in 5 minutes`);
    alarm(`${cap(table.name)}TableSystemErrors`, err, t.tableSystemErrors,
      `DynamoDB SystemErrors on ${table.name}: ${t.tableSystemErrors} or more in 5 minutes`);
    const consumed = (metricName: string, label: string, index?: string) =>
      new cw.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: table.table.tableName, ...(index ? { GlobalSecondaryIndexName: index } : {}) },
        statistic: 'Sum',
        period: PERIOD,
        label,
      });
    capacity.push(consumed('ConsumedReadCapacityUnits', `${table.name} read`), consumed('ConsumedWriteCapacityUnits', `${table.name} write`));
    for (const index of table.indexes) {
      capacity.push(
        consumed('ConsumedReadCapacityUnits', `${table.name}/${index} read`, index),
        consumed('ConsumedWriteCapacityUnits', `${table.name}/${index} write`, index),
      );
    }
  }

  const waf = (metricName: string, label: string) =>
    new cw.Metric({
      namespace: 'AWS/WAFV2',
      metricName,
      dimensionsMap: { WebACL: props.webAcl.name!, Region: Aws.REGION, Rule: 'ALL' },
      statistic: 'Sum',
      period: PERIOD,
      label,
    });

  const dashboard = new cw.Dashboard(scope, 'Dashboard', {
    dashboardName: stackName,
    widgets: [
      [new cw.AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 3 })],
      [
        new cw.GraphWidget({ title: 'AppSync errors', left: [errors5xx, errors4xx], right: [errorRate4xx], width: 12 }),
        new cw.GraphWidget({
          title: 'AppSync latency (ms)',
          left: [latencyP50, latencyP99],
          leftAnnotations: [{ value: t.apiLatencyP99Ms, label: 'p99 alarm' }],
          width: 12,
        }),
      ],
      [
        new cw.GraphWidget({ title: 'DynamoDB throttled requests and system errors', left: throttles, right: systemErrors, width: 12 }),
        new cw.GraphWidget({ title: 'DynamoDB consumed capacity units', left: capacity, width: 12 }),
      ],
      [new cw.GraphWidget({ title: 'WAF requests', left: [waf('AllowedRequests', 'allowed'), waf('BlockedRequests', 'blocked')], width: 24 })],
    ],
  });
  return { topic, alarms, dashboard };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
