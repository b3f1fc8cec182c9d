// Runs sfmc-sdk 2.1.2 unmodified against the emulator's TLS front; prints one JSON line of results.
import SDK from 'sfmc-sdk';

const [authUrl, clientId, clientSecret, accountId] = process.argv.slice(2);
const sdk = new SDK(
  { client_id: clientId, client_secret: clientSecret, auth_url: authUrl, account_id: Number(accountId) },
  { requestAttempts: 1 },
);
const out = {};
const token = await sdk.auth.getAccessToken();
out.auth = { rest: token.rest_instance_url, soap: token.soap_instance_url, hasToken: !!token.access_token };
out.create = await sdk.soap.create('DataExtension', {
  CustomerKey: 'sdk_de',
  Name: 'sdk_de',
  Fields: {
    Field: [{ Name: 'Key', FieldType: 'Text', MaxLength: 50, IsPrimaryKey: true, IsRequired: true }],
  },
});
out.retrieve = await sdk.soap.retrieve('DataExtension', ['CustomerKey', 'Name'], {
  filter: { leftOperand: 'CustomerKey', operator: 'equals', rightOperand: 'sdk_de' },
});
out.retrieveBulk = await sdk.soap.retrieveBulk('DataExtensionField', ['Name', 'DataExtension.CustomerKey']);
out.restGet = await sdk.rest.get('/automation/v1/queries/');
out.restBulk = await sdk.rest.getBulk('/automation/v1/automations/');
out.restPost = await sdk.rest
  .post('/hub/v1/dataevents/key:sdk_de/rowset', [{ keys: { Key: 'k1' }, values: {} }])
  .catch((e) => ({ error: e.message }));
out.rowset = await sdk.rest.get('/data/v1/customobjectdata/key/sdk_de/rowset');
console.log(JSON.stringify(out));
