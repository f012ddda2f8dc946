// The Cognito user pool callers sign in to (the default auth mode), its app
// client, and one group per definition group (e.g. admin).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { ApiDefinition } from '../local/definition.js';

export function createUserPool(scope: Construct, def: ApiDefinition) {
  const userPool = new cognito.UserPool(scope, 'UserPool', {
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    autoVerify: { email: true },
    standardAttributes: { email: { required: true, mutable: true } },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: false, otp: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const client = userPool.addClient('WebClient', {
    generateSecret: false,
    authFlows: { userSrp: true, userPassword: true },
    preventUserExistenceErrors: true,
    // Sign-in goes through the SDK (SRP), not the hosted UI: without this the
    // CDK default enables the implicit OAuth grant with a placeholder callback URL.
    disableOAuth: true,
  });
  for (const group of def.userGroups ?? []) {
    new cognito.CfnUserPoolGroup(scope, `Group-${group}`, { userPoolId: userPool.userPoolId, groupName: group });
  }
  return { userPool, client };
}
