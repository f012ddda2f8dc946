// The peer for the cold-start bench: the AppSync simulator that `amplify mock api`
// runs (npm @aws-amplify/amplify-appsync-simulator), with a minimal API: one
// query field, one VTL resolver on a NONE data source, API key auth. It has no
// DynamoDB here: the Amplify CLI pairs it with amplify-dynamodb-simulator, a
// second DynamoDB Local (its own 67 MB copy), which this bench does not install.
//   node bench/amplify-mock-server.cjs PORT
const { AmplifyAppSyncSimulator } = require('@aws-amplify/amplify-appsync-simulator');

const port = Number(process.argv[2]);
const sim = new AmplifyAppSyncSimulator({ port, wsPort: port + 1 });
sim.start().then(() => {
  sim.init({
    schema: { content: 'type Query { hello: String }' },
    resolvers: [
      {
        kind: 'UNIT',
        typeName: 'Query',
        fieldName: 'hello',
        dataSourceName: 'none',
        requestMappingTemplate: '{"version": "2018-05-29", "payload": {}}',
        responseMappingTemplate: '$util.toJson("world")',
      },
    ],
    dataSources: [{ type: 'NONE', name: 'none' }],
    appSync: {
      name: 'cold-start',
      defaultAuthenticationType: { authenticationType: 'API_KEY' },
      apiKey: 'da2-coldstartbench',
      additionalAuthenticationProviders: [],
    },
  });
});
