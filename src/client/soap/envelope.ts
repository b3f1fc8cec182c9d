import { escapeXml, toXml, type XmlObject } from './xml.ts';

export type SoapAction =
  'Create' | 'Retrieve' | 'Update' | 'Delete' | 'Perform' | 'Schedule' | 'Describe' | 'Configure';

/** Body element per action: Create/Update/Delete take `…Request`, the rest `…RequestMsg`. */
export function requestElement(action: SoapAction): string {
  return ['Create', 'Update', 'Delete'].includes(action) ? `${action}Request` : `${action}RequestMsg`;
}

/** SOAP 1.1 envelope with the token in the `fueloauth` header, as SFMC's SDKs send it. */
export function buildEnvelope(action: SoapAction, token: string, body: XmlObject): string {
  const element = requestElement(action);
  const inner = toXml(element, { '@xmlns': 'http://exacttarget.com/wsdl/partnerAPI', ...body });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<Header><fueloauth xmlns="http://exacttarget.com">${escapeXml(token)}</fueloauth></Header>` +
    `<Body>${inner}</Body></Envelope>`
  );
}
