// DynamoDB tables from the definition: on demand, point-in-time recovery,
// encrypted at rest; in prod also deletion protection and retained on stack
// deletion, in dev deleted with the stack.
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { ApiDefinition, KeyAttribute } from '../local/definition.js';
import type { StackSettings } from './config.js';

const attributeType: Record<KeyAttribute['type'], dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
};

const attribute = (k: KeyAttribute): dynamodb.Attribute => ({ name: k.name, type: attributeType[k.type] });

export function createTables(scope: Construct, def: ApiDefinition, settings: StackSettings): Record<string, dynamodb.TableV2> {
  const tables: Record<string, dynamodb.TableV2> = {};
  for (const [name, t] of Object.entries(def.tables)) {
    tables[name] = new dynamodb.TableV2(scope, `${name}Table`, {
      partitionKey: attribute(t.partitionKey),
      ...(t.sortKey ? { sortKey: attribute(t.sortKey) } : {}),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: settings.retainData,
      removalPolicy: settings.removalPolicy,
      // AWS-owned keys cost nothing and need no key policy; switch to
      // TableEncryptionV2.customerManagedKey() where audit rules require a CMK.
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      globalSecondaryIndexes: (t.globalSecondaryIndexes ?? []).map((gsi) => ({
        indexName: gsi.indexName,
        partitionKey: attribute(gsi.partitionKey),
        ...(gsi.sortKey ? { sortKey: attribute(gsi.sortKey) } : {}),
        projectionType: gsi.projection === 'KEYS_ONLY' ? dynamodb.ProjectionType.KEYS_ONLY : dynamodb.ProjectionType.ALL,
      })),
    });
  }
  return tables;
}
