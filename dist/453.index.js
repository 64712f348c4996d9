export const id = 453;
export const ids = [453];
export const modules = {

/***/ 9453:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GetAccessKeyLastUsedCommand: () => (/* reexport safe */ _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_0__.q),
/* harmony export */   GetRoleCommand: () => (/* reexport safe */ _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__.k),
/* harmony export */   GetUserCommand: () => (/* reexport safe */ _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_2__.T),
/* harmony export */   IAMClient: () => (/* reexport safe */ _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__.h),
/* harmony export */   ListAccessKeysCommand: () => (/* reexport safe */ _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_4__.Q),
/* harmony export */   SimulatePrincipalPolicyCommand: () => (/* reexport safe */ _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_5__.k)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7500);
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3836);
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8457);
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8300);
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5350);
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2022);
/**
 * The parts of `@aws-sdk/client-iam` this action calls, and nothing else. Loaded with
 * `import()` only when an IAM call is really made. Naming the few classes (rather than handing
 * the whole package's namespace around) lets the bundler leave out the package's other
 * commands, whose definitions would otherwise be evaluated on every run that looks at IAM.
 */



/***/ })

};
