/** The simulated AWS services' way of calling KMS: on a user's behalf (kms:ViaService), or as the service itself. */
export {
  callKmsAsService,
  callKmsOnBehalf,
  isSimulatedService,
  servicePrincipalOf,
  SIMULATED_SERVICES,
  viaServiceName,
  type AsServiceCall,
  type OnBehalfCall,
  type ServiceKmsDeps,
  type SimulatedService,
} from './kms-client';
export { resolveCaller } from './principals';
