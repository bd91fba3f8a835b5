// capkit/runtime: the platform capability model and the resilience layer generated clients run on.
export {};
