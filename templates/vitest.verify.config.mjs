// Used by `capkit generate` to run one new integration's tests, whatever the host repo's config says.
export default {
  test: {
    include: ["*.test.ts"],
    testTimeout: 20000,
  },
};
