// The Cognito user pool callers sign in to (the default auth mode), the
// frontends' app client (SRP only), an optional client for the AppSync
// console's query editor, and one group per definition group (e.g. admin).
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { ApiDefinition } from '../local/definition.js';
import type { StackSettings } from './config.js';

export function createUserPool(scope: Construct, def: ApiDefinition, settings: StackSettings) {
  const userPool = new cognito.UserPool(scope, 'UserPool', {
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    autoVerify: { email: true },
    standardAttributes: { email: { required: true, mutable: true } },
    // A changed email takes effect only once the new address is verified; until
    // then Cognito keeps the old one, and so does the ID token's email claim
    // (Cognito Developer Guide, "Configuring email or phone verification ›
    // Verification of updates to email addresses and phone numbers";
    // UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate).
    // updateProfile moves the email guard only to a verified address.
    keepOriginal: { email: true },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    // TOTP (authenticator apps) only; whether it is required is a setting (config.ts).
    mfa: cognito.Mfa[settings.mfa],
    mfaSecondFactor: settings.mfa === 'OFF' ? undefined : { sms: false, otp: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    deletionProtection: settings.retainData,
    removalPolicy: settings.removalPolicy,
  });
  const client = userPool.addClient('WebClient', {
    userPoolClientName: 'web',
    generateSecret: false,
    // SRP only: the password never leaves the browser (Amplify's default flow).
    // No USER_PASSWORD_AUTH, which sends it to Cognito as is.
    authFlows: { userSrp: true },
    preventUserExistenceErrors: true,
    // Sign-in goes through the SDK (SRP), not the hosted UI: without this the
    // CDK default enables the implicit OAuth grant with a placeholder callback URL.
    disableOAuth: true,
  });
  // The AppSync console's "Login with User Pools" takes a client id, a user
  // name and a password. AWS does not document which Cognito flow it runs, so
  // it gets its own client that allows both SRP and USER_PASSWORD_AUTH, with
  // short-lived tokens; the frontends' client stays SRP only.
  // `-c consoleClient=false` leaves it out.
  const consoleClient = settings.consoleClient
    ? userPool.addClient('AppSyncConsoleClient', {
        userPoolClientName: 'appsync-console',
        generateSecret: false,
        authFlows: { userSrp: true, userPassword: true },
        preventUserExistenceErrors: true,
        disableOAuth: true,
        idTokenValidity: Duration.minutes(30),
        accessTokenValidity: Duration.minutes(30),
        refreshTokenValidity: Duration.minutes(60),
      })
    : undefined;
  for (const group of def.userGroups ?? []) {
    new cognito.CfnUserPoolGroup(scope, `Group-${group}`, { userPoolId: userPool.userPoolId, groupName: group });
  }
  return { userPool, client, consoleClient };
}
