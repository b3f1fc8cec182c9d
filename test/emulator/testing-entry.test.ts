import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { type MockSfmc, mockSfmc } from '../../src/testing/index.ts';

let m: MockSfmc | undefined;
afterEach(() => {
  m?.restore();
  m = undefined;
});

describe('sfmc-kit/testing mockSfmc', () => {
  it('answers the SFMC hosts in process with stateful handlers, then restores', async () => {
    m = mockSfmc({ authUrl: 'https://mcabc123.auth.marketingcloudapis.com/' });
    const token = await axios.post('https://mcabc123.auth.marketingcloudapis.com/v2/token', {
      grant_type: 'client_credentials',
      client_id: m.credentials.clientId,
      client_secret: m.credentials.clientSecret,
    });
    expect(token.data.rest_instance_url).toBe('https://mcabc123.rest.marketingcloudapis.com/');
    expect(token.data.soap_instance_url).toBe('https://mcabc123.soap.marketingcloudapis.com/');
    m.state.createDataExtension({
      customerKey: 'de1',
      name: 'DE 1',
      fields: [{ name: 'Id', fieldType: 'Number', isPrimaryKey: true }],
    });
    const auth = { headers: { authorization: `Bearer ${token.data.access_token}` } };
    const post = await axios.post(
      `${token.data.rest_instance_url}hub/v1/dataevents/key:de1/rowset`,
      [{ keys: { Id: 1 }, values: {} }],
      auth,
    );
    expect(post.status).toBe(200);
    expect(m.state.readRows('de1')).toEqual([{ Id: 1 }]);
    const soap = await axios.post(
      `${token.data.soap_instance_url}Service.asmx`,
      `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Header><fueloauth>${token.data.access_token}</fueloauth></Header><Body><RetrieveRequestMsg xmlns="http://exacttarget.com/wsdl/partnerAPI"><RetrieveRequest><ObjectType>DataExtension</ObjectType><Properties>Name</Properties></RetrieveRequest></RetrieveRequestMsg></Body></Envelope>`,
      { headers: { 'content-type': 'text/xml', soapaction: 'Retrieve' } },
    );
    expect(soap.data).toContain('<Name>DE 1</Name>');
    const bad = await axios.get(`${token.data.rest_instance_url}automation/v1/queries`, {
      validateStatus: () => true,
    });
    expect(bad.status).toBe(401);
    m.restore();
    m = undefined;
    await expect(
      axios.post('https://mcabc123.auth.marketingcloudapis.com/v2/token', {}, { timeout: 2000 }),
    ).rejects.toBeTruthy();
  });

  it('injects a connection reset and a 429 without Retry-After', async () => {
    m = mockSfmc({
      faults: [
        { kind: 'reset', route: '/v2/token', times: 1 },
        { kind: 'status', status: 429, route: 'GET /automation/*' },
      ],
    });
    const body = {
      grant_type: 'client_credentials',
      client_id: m.credentials.clientId,
      client_secret: m.credentials.clientSecret,
    };
    await expect(axios.post(`${m.authUrl}v2/token`, body)).rejects.toMatchObject({ code: 'ECONNRESET' });
    const t = await axios.post(`${m.authUrl}v2/token`, body);
    const r = await axios.get(`${m.restUrl}automation/v1/queries`, {
      headers: { authorization: `Bearer ${t.data.access_token}` },
      validateStatus: () => true,
    });
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBeUndefined();
  });
});
